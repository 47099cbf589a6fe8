// A page of a listing, as every port that lists answers it.

/** A store's place in a listing: opaque to the domain, handed back to get the next page. */
export type Position = Record<string, unknown>;

export interface Page<T> {
  items: T[];
  /** Where the next page starts, when there is one. */
  next?: Position;
}
