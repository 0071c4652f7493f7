// Turn a RenderedEmail into the bytes an SMTP server would receive (nodemailer's stream transport) and
// parse them back (mailparser), so tests check the message as a mail client sees it.

import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import ICAL from 'ical.js';
import type { RenderedEmail } from '../../src/mail/render-alert.js';
import { mailOptions } from '../../src/mail/transport.js';

export async function rawMessage(email: RenderedEmail, to: string, from = 'Docket <docket@docket.example.org>'): Promise<Buffer> {
  // The same message options the real transports use, so what is parsed is what would be sent.
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  const info = await transport.sendMail(mailOptions({ from, to, email }));
  return info.message as Buffer;
}

export async function sendAndParse(email: RenderedEmail, to = 'analyst@example.com'): Promise<ParsedMail> {
  return simpleParser(await rawMessage(email, to));
}

/** The raw header block, unfolded, one "Name: value" per entry. */
export function headerBlock(raw: Buffer): string[] {
  const text = raw.toString('utf8');
  const end = text.search(/\r?\n\r?\n/);
  return text.slice(0, end).replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
}

export function firstEvent(ics: string): ICAL.Event {
  const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent');
  if (vevent === null) throw new Error('no VEVENT in calendar');
  return new ICAL.Event(vevent);
}

export function events(ics: string): ICAL.Event[] {
  return new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
}
