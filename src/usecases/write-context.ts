// What every use case that changes data is handed: the client (it opens its own transaction), the moment
// the change happens (from the caller's clock) and who makes it (recorded in the history).
import type { Db } from '../store/open-store.js';

export interface WriteContext {
  db: Db;
  now: Date;
  actor: string;
}
