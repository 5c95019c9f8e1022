// Drops answers that arrive too late. A request that may be overtaken by a newer one
// (a reload, a new range, a restarted job) takes a ticket; when its answer comes, it
// is used only if no newer request began since, and nothing dropped the lot.

/** True while no newer request has begun (and nothing was dropped) since the ticket was taken. */
export type Ticket = () => boolean

export function useLatest() {
  let generation = 0

  function ticketFor(mine: number): Ticket {
    return () => mine === generation
  }

  return {
    /** A new request: answers for every earlier ticket are stale from now on. */
    begin(): Ticket {
      return ticketFor(++generation)
    },
    /** A follow-up of the current request (the next page of the same list): stale when it is. */
    join(): Ticket {
      return ticketFor(generation)
    },
    /** Makes every answer still on its way stale (a reset, a stop). */
    drop(): void {
      generation++
    },
  }
}
