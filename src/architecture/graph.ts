// Import circles of a graph of files: its strongly connected components (Tarjan's algorithm), each
// told as its files and one loop through them that a reader can follow from import to import.

/** Each file and the files it imports (imports of files outside the graph are not followed). */
export type Graph = ReadonlyMap<string, readonly string[]>;

/** The circles of a graph: each set of files that reach each other through imports (two or more, or one importing itself), sorted. */
export function circles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const lowest = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    lowest.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) visit(next);
      if (onStack.has(next)) lowest.set(file, Math.min(lowest.get(file)!, lowest.get(next)!));
    }
    if (lowest.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || graph.get(file)!.includes(file)) found.push(component.sort());
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) visit(file);
  return found.sort((a, b) => a[0].localeCompare(b[0]));
}

/** A shortest loop from a circle's first file back to itself, staying inside the circle: [a, b, a]. */
export function loopThrough(graph: Graph, circle: readonly string[]): string[] {
  const start = circle[0];
  const inside = new Set(circle);
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const next of graph.get(queue[i]) ?? []) {
      if (next === start) {
        const loop = [start];
        for (let at: string | undefined = queue[i]; at !== undefined && at !== start; at = cameFrom.get(at)) loop.unshift(at);
        return [start, ...loop];
      }
      if (inside.has(next) && !cameFrom.has(next)) {
        cameFrom.set(next, queue[i]);
        queue.push(next);
      }
    }
  }
  return [start];
}

/** A circle for a test's message: `2 files: a -> b -> a`, or for a larger one its files and then one loop. */
export function describeCircle(graph: Graph, circle: readonly string[]): string {
  const loop = loopThrough(graph, circle);
  const files = `${circle.length} file${circle.length > 1 ? 's' : ''}`;
  if (loop.length - 1 === circle.length) return `${files}: ${loop.join(' -> ')}`;
  return `${files} (${circle.join(', ')}), e.g. ${loop.join(' -> ')}`;
}
