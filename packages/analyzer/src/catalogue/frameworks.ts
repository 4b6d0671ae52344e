/**
 * How a middleware or hook lets a request go on to the handlers behind it:
 * - `call`: it calls its continuation parameter (`next()`, `await next()`, `done()`), any
 *   parameter after the request;
 * - `return`: it returns without a value (falls off its end, `return;`); returning a value
 *   (`return reply.code(403).send()`) or throwing stops the request.
 */
export type ContinuationStyle = 'call' | 'return';

/** How middleware outside any framework the catalogue knows lets a request go on: it calls `next()`. */
export const defaultContinuation: readonly ContinuationStyle[] = ['call'];

/** A hook registration: `addHook('preHandler', fn)`. */
export interface FrameworkHook {
  /** The method that registers a hook on an app or plugin. */
  readonly method: string;
  /** Index of the argument that names the event. */
  readonly eventArgument: number;
  /** Events that run before the route's handler, so a hook on them can guard it. */
  readonly beforeHandler: readonly string[];
  /**
   * Whether a hook runs for every route of its instance whatever the order the code added them
   * in (the framework builds its routes once the instance has loaded), rather than only for the
   * routes added after it.
   */
  readonly anyOrder?: boolean;
}

/**
 * How an app registers a plugin (Fastify's `register(plugin, { prefix })`): the plugin is a
 * function called with a child instance of the app, which starts with the hooks its parent has
 * when the plugin loads; what the plugin registers on it stays inside it (encapsulation),
 * unless the plugin is wrapped in a function that shares its parent's scope (`fastify-plugin`):
 * its routes and hooks are then the parent's.
 */
export interface FrameworkPlugins {
  /** The method of an app that registers a plugin. */
  readonly method: string;
  /** Index of the argument that is the plugin. */
  readonly pluginArgument: number;
  /** Index of the plugin's parameter that is its instance. */
  readonly instanceParameter: number;
  /** The option (in the argument after the plugin) that mounts its routes under a path. */
  readonly prefixOption: string;
  /** Functions that wrap a plugin so it shares its parent's scope: the package that declares each, and its name. */
  readonly sharedScope: readonly { readonly package: string; readonly function: string }[];
  /**
   * Whether a plugin registered without `await` loads once its parent's body has run, so it
   * starts with every hook the parent adds, before or after it; an awaited registration loads
   * the plugin there, with the hooks added before it.
   */
  readonly loadsAfterParent?: boolean;
  /**
   * Methods of an instance that, awaited, load the plugins registered on it so far
   * (`await app.after()`), as an awaited registration does: those plugins start with the hooks
   * added before.
   */
  readonly loadPending?: readonly string[];
}

/**
 * A function of a package (`cookies` of `next/headers`), or a member of what a function of a
 * package returns, which the app keeps by destructuring that result or reading the member
 * (`export const { auth } = NextAuth(config)` of `next-auth`).
 */
export interface PackageFunction {
  /** The package that declares the function, or the function that returns it. */
  readonly package: string;
  /** The function's name, or the member's. */
  readonly name: string;
  /** The function of the package whose result holds the reader as its member `name`. */
  readonly returnedBy?: string;
}

/**
 * A middleware the framework finds by its file (Next.js `middleware.ts`): it runs before the
 * route handlers of the paths its matcher covers, and lets a request go on by returning the
 * continuation value (or nothing).
 */
export interface FileMiddleware {
  /**
   * The files it may be, from the project's root, each with the named export that is the
   * middleware (Next.js 16 renamed `middleware.ts` and its `middleware` to `proxy.ts` and `proxy`).
   */
  readonly entries: readonly { readonly files: readonly string[]; readonly export: string }[];
  /** The call whose result lets the request go on: a static method of a class of the framework. */
  readonly continueWith: { readonly owner: string; readonly method: string };
  /**
   * The export holding its options, the property that lists the paths it runs for (a pattern or
   * a list of them, strings or objects with the pattern in `source`); without it, every path.
   */
  readonly config: { readonly export: string; readonly matcher: string; readonly source: string };
  /**
   * Functions that read the request being handled from the framework's context, without being
   * handed it (`cookies()` and `headers()` of `next/headers`, NextAuth's `auth()`): in the
   * middleware or a route handler, what they give is the request's.
   */
  readonly requestContext: readonly PackageFunction[];
  /**
   * Functions that make the middleware out of the function they are given, where the file
   * exports what they return as the middleware or by default (`export default auth((request) =>
   * …)` of NextAuth v5): the function given is the middleware.
   */
  readonly wrappers?: readonly PackageFunction[];
  /**
   * Route handler files: the folders routes are under (the folders below name the path; a
   * `(group)` folder does not, a `[param]` folder is any segment), the handler files' names, and
   * the exports that handle a request (one per HTTP method).
   */
  readonly routes: {
    readonly roots: readonly string[];
    readonly files: readonly string[];
    readonly exports: readonly string[];
  };
}

/**
 * A web framework's request pipeline, as the analysis needs it: how middleware, hooks and routes
 * are registered, and how a middleware lets the request go on. A route's handlers run only after
 * every middleware and hook registered before them on the same app or router (every hook of its
 * instance, when the framework's hooks apply in any order) let the request go on, and after the
 * handlers listed before them in the same registration.
 */
export interface WebFramework {
  readonly name: string;
  /** The npm packages that declare its API (the callee must be declared in one of them). */
  readonly packages: readonly string[];
  /** The classes and interfaces of apps and routers, whose methods register middleware, hooks and routes. */
  readonly apps: readonly string[];
  /** Methods of an app or router that register middleware for the routes registered after it, an optional path first. */
  readonly middleware: readonly string[];
  /** The method that registers a hook for the routes registered after it (or all of the instance's, `anyOrder`). */
  readonly hooks?: FrameworkHook;
  /** How a plugin (a function given a child instance) is registered. */
  readonly plugins?: FrameworkPlugins;
  /** Methods of an app or router that register a route: a path, then its handlers. */
  readonly routes: readonly string[];
  /**
   * Methods of an app that mount another app's routes under a path (Hono's `route(path, app)`);
   * a middleware method given a router mounts it too (Express's `use(path, guard, router)`).
   */
  readonly groups?: readonly string[];
  /** Properties of a route's options object that hold guards run before its handler (`{ preHandler }`). */
  readonly routeOptions?: readonly string[];
  /** How its middleware lets the request go on. */
  readonly continuation: readonly ContinuationStyle[];
  /** A middleware found by its file, run before the routes it matches. */
  readonly fileMiddleware?: FileMiddleware;
}

const httpMethods = ['get', 'post', 'put', 'patch', 'delete', 'all', 'options', 'head'] as const;

/** The web frameworks the analysis knows. */
export const webFrameworks: readonly WebFramework[] = [
  {
    name: 'Express',
    packages: [
      'express',
      'express-serve-static-core',
      '@types/express',
      '@types/express-serve-static-core',
    ],
    apps: ['Express', 'Application', 'Router', 'IRouter', 'IRouterMatcher', 'IRouterHandler'],
    middleware: ['use'],
    routes: [...httpMethods],
    continuation: ['call'],
  },
  {
    name: 'Fastify',
    packages: ['fastify'],
    apps: ['FastifyInstance'],
    middleware: [],
    hooks: {
      method: 'addHook',
      eventArgument: 0,
      beforeHandler: ['onRequest', 'preParsing', 'preValidation', 'preHandler'],
      // Routes are built when the instance is ready (avvio), with every hook it has by then.
      anyOrder: true,
    },
    plugins: {
      method: 'register',
      pluginArgument: 0,
      instanceParameter: 0,
      prefixOption: 'prefix',
      sharedScope: [{ package: 'fastify-plugin', function: 'fastifyPlugin' }],
      loadsAfterParent: true,
      loadPending: ['after', 'ready'],
    },
    routes: [...httpMethods],
    routeOptions: ['onRequest', 'preParsing', 'preValidation', 'preHandler'],
    continuation: ['call', 'return'],
  },
  {
    name: 'Hono',
    packages: ['hono'],
    apps: ['Hono', 'HonoBase'],
    middleware: ['use'],
    routes: [...httpMethods, 'on'],
    groups: ['route'],
    continuation: ['call'],
  },
  {
    // App Router route handlers are plain exported functions: a wrapper guards them
    // (`export const POST = withTrainingConsent(…)`), and so does `middleware.ts` for the paths
    // its matcher covers; what its API reads from a request is the request's.
    name: 'Next.js',
    packages: ['next'],
    apps: [],
    middleware: [],
    routes: [],
    continuation: [],
    fileMiddleware: {
      entries: [
        {
          files: ['middleware.ts', 'middleware.js', 'src/middleware.ts', 'src/middleware.js'],
          export: 'middleware',
        },
        { files: ['proxy.ts', 'proxy.js', 'src/proxy.ts', 'src/proxy.js'], export: 'proxy' },
      ],
      continueWith: { owner: 'NextResponse', method: 'next' },
      config: { export: 'config', matcher: 'matcher', source: 'source' },
      requestContext: [
        { package: 'next', name: 'cookies' },
        { package: 'next', name: 'headers' },
        // NextAuth v5: `export const { auth, handlers } = NextAuth(config)`, then `await auth()`.
        { package: 'next-auth', name: 'auth', returnedBy: 'NextAuth' },
      ],
      wrappers: [{ package: 'next-auth', name: 'auth', returnedBy: 'NextAuth' }],
      routes: {
        roots: ['app', 'src/app'],
        files: ['route.ts', 'route.js'],
        exports: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      },
    },
  },
];

/** The framework whose API a package declares, or undefined. */
export function frameworkOfPackage(
  frameworks: readonly WebFramework[],
  name: string | undefined,
): WebFramework | undefined {
  return name === undefined
    ? undefined
    : frameworks.find((framework) => framework.packages.includes(name));
}

/** The framework whose plugins a function of `name` (declared in package `owner`) wraps to share their parent's scope. */
export function scopeSharingFramework(
  frameworks: readonly WebFramework[],
  owner: string | undefined,
  name: string,
): WebFramework | undefined {
  return frameworks.find((framework) =>
    framework.plugins?.sharedScope.some(
      (wrapper) => wrapper.package === owner && wrapper.function === name,
    ),
  );
}

/** The method names that register middleware, hooks or plugins in any of `frameworks`. */
export function registrationMethods(frameworks: readonly WebFramework[]): ReadonlySet<string> {
  return new Set(
    frameworks.flatMap((framework) => [
      ...framework.middleware,
      ...(framework.hooks ? [framework.hooks.method] : []),
      ...(framework.plugins ? [framework.plugins.method] : []),
    ]),
  );
}

/** What a call of a framework's method registers. */
export type FrameworkRegistration = 'mount' | 'hook' | 'endpoint' | 'plugin' | 'group';

/** What a method of a framework's app or router (declared in `owner`) registers, or undefined. */
export function registrationOf(
  framework: WebFramework,
  owner: string | undefined,
  method: string,
): FrameworkRegistration | undefined {
  if (owner === undefined || !framework.apps.includes(owner)) return undefined;
  if (framework.middleware.includes(method)) return 'mount';
  if (framework.hooks?.method === method) return 'hook';
  if (framework.plugins?.method === method) return 'plugin';
  if (framework.groups?.includes(method)) return 'group';
  if (framework.routes.includes(method)) return 'endpoint';
  return undefined;
}
