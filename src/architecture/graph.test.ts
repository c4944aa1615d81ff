import { describe, expect, it } from 'vitest';
import { circles, describeCircle, loopThrough, type Graph } from './graph';

const graph = (edges: Record<string, string[]>): Graph => new Map(Object.entries(edges));

describe('the circle finder of the architecture test', () => {
  it('finds no circle where imports only go one way', () => {
    const tree = graph({ 'ui.ts': ['app.ts', 'util.ts'], 'app.ts': ['store.ts', 'util.ts'], 'store.ts': ['util.ts'], 'util.ts': ['fs'] });
    expect(circles(tree)).toEqual([]);
  });

  it('finds each circle with its files, and one loop through it', () => {
    const tangled = graph({
      'a.ts': ['b.ts'],
      'b.ts': ['c.ts', 'd.ts'],
      'c.ts': ['a.ts'],
      'd.ts': ['e.ts'],
      'e.ts': ['d.ts', 'f.ts'],
      'f.ts': [],
      'g.ts': ['g.ts'],
    });
    expect(circles(tangled)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['d.ts', 'e.ts'], ['g.ts']]);
    expect(loopThrough(tangled, ['a.ts', 'b.ts', 'c.ts'])).toEqual(['a.ts', 'b.ts', 'c.ts', 'a.ts']);
    expect(circles(tangled).map((circle) => describeCircle(tangled, circle))).toEqual([
      '3 files: a.ts -> b.ts -> c.ts -> a.ts',
      '2 files: d.ts -> e.ts -> d.ts',
      '1 file: g.ts -> g.ts',
    ]);
  });

  it('tells a larger circle by its files and its shortest loop', () => {
    const hub = graph({ 'hub.ts': ['x.ts', 'y.ts'], 'x.ts': ['hub.ts'], 'y.ts': ['hub.ts'] });
    const told = circles(hub).map((circle) => describeCircle(hub, circle));
    expect(told).toEqual(['3 files (hub.ts, x.ts, y.ts), e.g. hub.ts -> x.ts -> hub.ts']);
  });
});
