import { describe, expect, it } from 'vitest';
import { href, parseRoute, type Route } from '../../src/ui/route';

describe('parseRoute', () => {
  it.each([
    ['', { page: 'home' }],
    ['#', { page: 'home' }],
    ['#/', { page: 'home' }],
    ['#/sandbox', { page: 'sandbox' }],
    ['#/sandbox/', { page: 'sandbox' }],
    ['#/sandbox/k3x9a0b7c2d1', { page: 'sandbox', id: 'k3x9a0b7c2d1' }],
    ['#/sandbox/Not An Id', { page: 'not-found', path: '/sandbox/Not An Id' }],
    ['#/sandboxes', { page: 'sandboxes' }],
    ['#/sandbox/shared/1.AbC_-9', { page: 'shared', payload: '1.AbC_-9' }],
    ['#/sandbox/shared/', { page: 'not-found', path: '/sandbox/shared' }],
    ['#/embed/sandbox/1.AbC_-9', { page: 'embed', sandbox: '1.AbC_-9' }],
    [
      '#/embed/figure/watermarks/late-readings',
      { page: 'embed', figure: { lesson: 'watermarks', name: 'late-readings' } },
    ],
    ['#/embed/figure/watermarks', { page: 'not-found', path: '/embed/figure/watermarks' }],
    ['#/learn/what-is-a-stream', { page: 'lesson', slug: 'what-is-a-stream' }],
    ['#/chapter/basics', { page: 'chapter', slug: 'basics' }],
    ['#/glossary', { page: 'glossary' }],
    ['#/glossary/allowed-lateness', { page: 'glossary', term: 'allowed-lateness' }],
    ['#/glossary/Not An Id', { page: 'not-found', path: '/glossary/Not An Id' }],
    ['#/learn/', { page: 'not-found', path: '/learn' }],
    ['#/learn/Bad Slug', { page: 'not-found', path: '/learn/Bad Slug' }],
    ['#/nowhere', { page: 'not-found', path: '/nowhere' }],
    ['#/reference', { page: 'reference' }],
    ['#/reference/', { page: 'reference' }],
    ['#/reference/WatermarkStrategy', { page: 'reference', name: 'WatermarkStrategy' }],
    [
      '#/reference/WatermarkStrategy#forBoundedOutOfOrderness',
      { page: 'reference', name: 'WatermarkStrategy', member: 'forBoundedOutOfOrderness' },
    ],
    ['#/reference/Time%23seconds', { page: 'reference', name: 'Time', member: 'seconds' }],
    ['#/reference/Not A Name', { page: 'not-found', path: '/reference/Not A Name' }],
  ] satisfies [string, Route][])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('round-trips every page through href', () => {
    const routes: Route[] = [
      { page: 'home' },
      { page: 'sandbox' },
      { page: 'sandbox', id: 'k3x9a0b7c2d1' },
      { page: 'sandboxes' },
      { page: 'shared', payload: '1.AbC_-9' },
      { page: 'embed', sandbox: '1.AbC_-9' },
      { page: 'embed', figure: { lesson: 'watermarks', name: 'late-readings' } },
      { page: 'lesson', slug: 'event-time' },
      { page: 'chapter', slug: 'practice' },
      { page: 'glossary' },
      { page: 'glossary', term: 'watermark' },
      { page: 'reference' },
      { page: 'reference', name: 'KeyedStream' },
      { page: 'reference', name: 'KeyedStream', member: 'window' },
    ];
    for (const route of routes) expect(parseRoute(href(route))).toEqual(route);
  });
});
