// Checking the subscribe form as a whole: every mistake at once, each tied to its field, in words for a
// person (not a CLI flag). The zone field takes a city or country in any case ("tokyo", "Korea"), an IANA
// name, or a pick from the suggestions shown after a first try, so it works without JavaScript.
import { findZone, type ZoneChoice } from '../time/find-zone.js';
import { deliveries } from '../domain/vocabulary.js';
import { checkEmail } from '../usecases/check-input.js';

export interface FieldError {
  field: 'email' | 'zone' | 'delivery' | 'scope';
  /** The id of the input to link to and focus. */
  target: string;
  label: string;
  message: string;
}

export interface CheckedForm {
  email: string;
  zone: string;
  delivery: string;
  scope: string;
}

export interface FormCheck {
  errors: FieldError[];
  /** Zones to pick from, when the zone field was unclear or misspelt. */
  zoneChoices: ZoneChoice[];
  /** The form as understood (the zone resolved), to re-show or to submit. */
  value: CheckedForm;
}

export function checkSubscribeForm(
  form: { email: string; zone: string; delivery: string; scope: string; zonePick?: string },
  scopes: string[],
): FormCheck {
  const errors: FieldError[] = [];
  let zoneChoices: ZoneChoice[] = [];
  let email = form.email.trim();
  try {
    email = checkEmail(form.email, 'email');
  } catch {
    errors.push({
      field: 'email',
      target: 'subscribe-email',
      label: 'Email address',
      message: email === '' ? 'Enter your email address.' : `“${clip(email)}” is not an email address. Check it looks like name@example.org.`,
    });
  }

  const typed = (form.zonePick ?? '').trim() !== '' ? form.zonePick!.trim() : form.zone.trim();
  let zone = typed;
  const found = findZone(typed);
  if (found.kind === 'found') zone = found.zone;
  else if (typed === '') errors.push(zoneError('Enter your time zone: a city or country such as Tokyo, Korea or New York.'));
  else if (found.kind === 'several') {
    zoneChoices = found.choices;
    errors.push(zoneError(`“${clip(typed)}” matches several time zones. Pick yours below, or type a city.`));
  } else if (found.suggestion) {
    zoneChoices = [found.suggestion];
    errors.push(zoneError(`“${clip(typed)}” is not a time zone we know. Did you mean ${found.suggestion.label}?`));
  } else {
    errors.push(zoneError(`“${clip(typed)}” is not a time zone we know. Type a city or country (Tokyo, Korea, New York) or a name such as Europe/Berlin.`));
  }

  const delivery = form.delivery.trim().toLowerCase();
  if (!(deliveries as readonly string[]).includes(delivery)) {
    errors.push({ field: 'delivery', target: 'delivery-immediate', label: 'How often', message: 'Choose “Each alert as it happens” or “One daily digest”.' });
  }
  if (!scopes.includes(form.scope)) {
    errors.push({ field: 'scope', target: 'scope-issue', label: 'What to follow', message: 'Choose the whole issue or one of its open deadlines.' });
  }
  return { errors, zoneChoices, value: { email, zone, delivery, scope: form.scope } };
}

function zoneError(message: string): FieldError {
  return { field: 'zone', target: 'subscribe-zone', label: 'Your time zone', message };
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
