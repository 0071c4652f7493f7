// `docket start` → "(Did you mean docket serve?)": words people reach for by habit from other tools are
// too far from Docket's command names for commander's own suggestion.

/** Habits from other tools: `docket start` is `docket serve`. */
const commandHabits: Record<string, string> = {
  start: 'serve',
  run: 'serve',
  server: 'serve',
  daemon: 'serve',
  up: 'serve',
  check: 'doctor',
  health: 'doctor',
  migrate: 'db migrate',
  backup: 'db backup',
};

/** Commander's "unknown command 'start'" with a pointer to the command meant, when commander has none. */
export function withCommandHint(text: string): string {
  const unknown = /unknown command '([^']+)'/.exec(text);
  if (!unknown || /did you mean/i.test(text)) return text;
  const meant = commandHabits[unknown[1]!.toLowerCase()];
  return meant ? text.replace(/\n?$/, `\n(Did you mean docket ${meant}?)\n`) : text;
}
