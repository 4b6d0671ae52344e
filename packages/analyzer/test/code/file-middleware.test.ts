import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { webFrameworks } from '../../src/catalogue/frameworks.js';
import { middlewareMatchers, pathPattern, routePaths } from '../../src/code/file-middleware.js';

const nextMiddleware = webFrameworks.find((framework) => framework.fileMiddleware)!.fileMiddleware!;

/** The paths a middleware file's matcher covers among `paths`; `every` for no matcher, `none` if unreadable. */
function covered(source: string, paths: readonly string[]): readonly string[] | 'every' | 'none' {
  const file = ts.createSourceFile('middleware.ts', source, ts.ScriptTarget.ES2022, true);
  const matchers = middlewareMatchers(file, nextMiddleware.config);
  if (matchers === undefined) return 'every';
  if (matchers === null) return 'none';
  return paths.filter((path) => matchers.some((matcher) => matcher.test(path)));
}

describe('file middleware (Next.js middleware.ts)', () => {
  const paths = ['/api/training', '/api/training/donations', '/api/feedback', '/dashboard'];

  it('reads the matcher as Next.js does: parameters, lists, objects with a source, groups', () => {
    expect(covered(`export const config = { matcher: '/api/training/:path*' };`, paths)).toEqual([
      '/api/training',
      '/api/training/donations',
    ]);
    expect(
      covered(`export const config = { matcher: ['/api/:area+', '/dashboard'] } as const;`, paths),
    ).toEqual(['/api/training', '/api/training/donations', '/api/feedback', '/dashboard']);
    expect(
      covered(`export const config = { matcher: [{ source: '/api/:area' }] };`, paths),
    ).toEqual(['/api/training', '/api/feedback']);
    expect(
      covered(`export const config = { matcher: ['/((?!api/feedback|_next/static).*)'] };`, paths),
    ).toEqual(['/api/training', '/api/training/donations', '/dashboard']);
  });

  it('runs for every path without a matcher, and guards nothing when the matcher is not a literal', () => {
    expect(covered(`export const config = { runtime: 'nodejs' };`, paths)).toBe('every');
    expect(covered(`export function middleware() {}`, paths)).toBe('every');
    expect(
      covered(`const areas = ['/api/:path*'];\nexport const config = { matcher: areas };`, paths),
    ).toBe('none');
    expect(pathPattern('api/training')).toBeUndefined();
    expect(pathPattern('/api/(unclosed')).toBeUndefined();
  });

  it('names a route handler file by its folders: groups left out, dynamic segments any segment', () => {
    expect(routePaths('src/app/api/training/donations/route.ts', nextMiddleware.routes)).toEqual([
      '/api/training/donations',
    ]);
    expect(routePaths('app/(chat)/api/[conversationId]/route.ts', nextMiddleware.routes)).toEqual([
      '/api/segment',
    ]);
    expect(routePaths('app/api/export/[[...range]]/route.ts', nextMiddleware.routes)).toEqual([
      '/api/export',
      '/api/export/segment',
    ]);
    expect(routePaths('app/route.ts', nextMiddleware.routes)).toEqual(['/']);
    expect(routePaths('src/app/api/training/page.tsx', nextMiddleware.routes)).toBeUndefined();
    expect(routePaths('lib/api/route.ts', nextMiddleware.routes)).toBeUndefined();
  });
});
