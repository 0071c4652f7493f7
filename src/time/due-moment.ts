// The shape every part of Docket uses for "when is this due". The instant is stored in UTC; zone and
// precision travel beside it so that "end of day in Seoul" survives storage and display unchanged.

export type Precision = 'instant' | 'day' | 'month';
export const precisions: readonly Precision[] = ['instant', 'day', 'month'];

export interface DueMoment {
  /** The last instant at which the deadline is still met (end of day/month for those precisions). */
  instant: Date;
  /** IANA zone the deadline was set in (the demanding government's). */
  zone: string;
  precision: Precision;
}
