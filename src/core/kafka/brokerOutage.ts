// What a client meets when it sends to a broker it cannot use, and the client traffic a cut holds.
//
// - A killed process on a live machine: the kernel resets the open connections and refuses new ones,
//   so the client knows within one network round trip (and so does a broker restarted but not yet
//   let back in by the controller: its listener is closed until then).
// - A lost host: nothing answers. The client learns only from its own timeouts.
// - A cut between a live broker and its clients: TCP keeps retransmitting, so requests and answers
//   caught in it are delivered once it heals. The client's request.timeout.ms runs meanwhile; if it
//   runs out first the client gives up on the request and sends it again, though the first copy
//   still arrives (the kernel goes on sending what a closed socket had queued).
import type { BROKER_DOWN_MODES } from '../../model/schema/faults';
import type { ProduceRequest } from './requests';

export type BrokerDownMode = (typeof BROKER_DOWN_MODES)[number];

/** How a client's traffic to an unusable broker fares. */
export type ClientView = 'refused' | 'silent' | 'held';

export const CONNECTION_REFUSED =
  'connection refused: the broker process is not running (killed, or restarting and not yet registered)';
export const HOST_SILENT = 'no answer: the broker host is gone';

/** How clients see a broker that is down, restarting or cut off from them. */
export function clientView(b: {
  readonly up: boolean;
  readonly rejoining: boolean;
  readonly downMode: BrokerDownMode;
  readonly cutFromClients: boolean;
}): ClientView {
  // A reset or a refusal needs a path back to the client; through a cut, a dead process is silence.
  if (b.cutFromClients) return b.up && !b.rejoining ? 'held' : 'silent';
  if (!b.up) return b.downMode === 'processKilled' ? 'refused' : 'silent';
  return 'refused';
}

/** Produce requests and answers caught in a cut from clients, in the order they would have gone. */
export class HeldTraffic {
  private requests: ProduceRequest[] = [];
  private answers: ProduceRequest[] = [];

  holdRequest(req: ProduceRequest): void {
    this.requests.push(req);
    req.client.onProduceStuck(req, true);
  }

  holdAnswer(req: ProduceRequest): void {
    this.answers.push(req);
  }

  /** The cut healed: what was held goes on, in order. */
  release(arrive: (req: ProduceRequest) => void, answer: (req: ProduceRequest) => void): void {
    const requests = this.requests;
    const answers = this.answers;
    this.requests = [];
    this.answers = [];
    for (const req of answers) answer(req);
    for (const req of requests) {
      req.client.onProduceStuck(req, false);
      arrive(req);
    }
  }

  /** The broker died while cut off: nothing held will ever arrive or be answered. */
  drop(lose: (req: ProduceRequest) => void): void {
    const requests = this.requests;
    this.requests = [];
    this.answers = [];
    for (const req of requests) {
      req.client.onProduceStuck(req, false);
      lose(req);
    }
  }
}
