import { describe, expect, it } from 'vitest';
import { allReminders, choiceList, choicesFromStore, parseReminderChoices, reminderChosen, reminderNameOf, storedChoices } from '../../src/alerts/reminder-choices.js';
import { AppError } from '../../src/errors.js';

describe('reminder choices', () => {
  it('names the four milestones a follower can turn off; other offsets always go', () => {
    expect(['before:P7D', 'before:P1D', 'due', 'before:P0D', 'overdue:1', 'overdue:4', 'before:P3D', 'before:PT2H'].map(reminderNameOf)).toEqual(['7d', '1d', 'due', 'due', 'overdue', 'overdue', null, null]);
    const chosen = new Set(['1d', 'due'] as const);
    expect(['before:P7D', 'before:P1D', 'due', 'overdue:2', 'before:P3D'].map((m) => reminderChosen(chosen, m))).toEqual([false, true, true, false, true]);
    expect(reminderChosen(allReminders, 'overdue:1')).toBe(true);
    expect(reminderChosen(new Set(), 'due')).toBe(false);
  });

  it('reads --reminders: names in any order and case, all, none', () => {
    expect(choiceList(parseReminderChoices(' Due, 1D ', '--reminders'))).toEqual(['1d', 'due']);
    expect(choiceList(parseReminderChoices('all', '--reminders'))).toEqual(['7d', '1d', 'due', 'overdue']);
    expect(choiceList(parseReminderChoices('none', '--reminders'))).toEqual([]);
  });

  it('refuses unknown names and empty lists, naming the field and the value', () => {
    expect(() => parseReminderChoices('1d,2d', '--reminders')).toThrow(/^--reminders "1d,2d" has "2d", which is not a reminder: use 7d, 1d, due, overdue/);
    expect(() => parseReminderChoices(' , ', '--reminders')).toThrow(AppError);
    expect(() => parseReminderChoices('all,7d', '--reminders')).toThrow(/has "all"/);
  });

  it('stores null for everything on, and reads anything unreadable as everything on', () => {
    expect(storedChoices(parseReminderChoices('overdue,due,1d,7d', 'x'))).toBeNull();
    expect(storedChoices(parseReminderChoices('7d,due', 'x'))).toBe('["7d","due"]');
    expect(storedChoices(new Set())).toBe('[]');
    expect(choiceList(choicesFromStore('["due","bogus"]'))).toEqual(['due']);
    expect(choiceList(choicesFromStore('not json'))).toEqual(['7d', '1d', 'due', 'overdue']);
    expect(choiceList(choicesFromStore(null))).toEqual(['7d', '1d', 'due', 'overdue']);
  });
});
