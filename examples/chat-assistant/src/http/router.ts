import type { User } from '../domain.js';

/** The HTTP methods the API serves. */
export type Method = 'GET' | 'POST' | 'PUT';

/** A request as the router sees it, after the transport parsed the JSON body. */
export interface Request {
  readonly method: Method;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: unknown;
  /** The signed-in user, set by the authentication middleware. */
  user?: User;
}

/** The status and JSON body a request was answered with. */
export interface Reply {
  readonly status: number;
  readonly body: unknown;
}

/** The response a handler writes to, in the Express shape. */
export class Response {
  #status = 200;
  #body: unknown;
  #sent = false;

  /** Sets the status code for the reply. */
  status(code: number): this {
    this.#status = code;
    return this;
  }

  /** Sends `body` as the reply. */
  json(body: unknown): void {
    this.#body = body;
    this.#sent = true;
  }

  /** Whether a handler has sent the reply. */
  get sent(): boolean {
    return this.#sent;
  }

  /** The reply as sent. */
  toReply(): Reply {
    return { status: this.#status, body: this.#body };
  }
}

/** Passes control to the next handler, or to the error handler when given an error. */
export type Next = (error?: unknown) => void;

/** A route handler or middleware in the Express/Connect shape. */
export type Handler = (req: Request, res: Response, next: Next) => void | Promise<void>;

/** Turns an error a handler raised into a reply. */
export type ErrorHandler = (error: unknown, req: Request) => Reply;

interface Route {
  readonly method: Method;
  readonly path: string;
  readonly handlers: readonly Handler[];
}

const proceed = Symbol('proceed');
const finished = Symbol('finished');

/** A small Express-style router: routes are a method, an exact path and a chain of handlers. */
export class Router {
  readonly #routes: Route[] = [];

  constructor(private readonly onError: ErrorHandler) {}

  /** Adds a route; handlers run in order while each calls `next()`. */
  route(method: Method, path: string, ...handlers: Handler[]): this {
    this.#routes.push({ method, path, handlers });
    return this;
  }

  /** Answers one request. */
  async handle(req: Request): Promise<Reply> {
    const route = this.#routes.find(
      (candidate) => candidate.method === req.method && candidate.path === req.path,
    );
    if (route === undefined) {
      return { status: 404, body: { error: `no route for ${req.method} ${req.path}` } };
    }
    const res = new Response();
    for (const handler of route.handlers) {
      let outcome: unknown;
      try {
        outcome = await runHandler(handler, req, res);
      } catch (error) {
        return this.onError(error, req);
      }
      if (outcome === finished) {
        break;
      }
      if (outcome !== proceed) {
        return this.onError(outcome, req);
      }
    }
    if (!res.sent) {
      return this.onError(new Error(`${req.method} ${req.path} sent no reply`), req);
    }
    return res.toReply();
  }
}

function runHandler(handler: Handler, req: Request, res: Response): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let nextCalled = false;
    const next: Next = (error) => {
      nextCalled = true;
      resolve(error === undefined ? proceed : error);
    };
    Promise.resolve(handler(req, res, next)).then(() => {
      if (!nextCalled) {
        resolve(finished);
      }
    }, reject);
  });
}
