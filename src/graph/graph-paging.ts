/**
 * Graph collections come in pages: each answer holds `value` and, while more remain, an absolute
 * `@odata.nextLink`. `getAllPages` follows the links through GraphHttp.send (which follows them only under
 * the configured base URL, and retries each page on 429/503/504 by itself), so a throttled page is asked
 * for again rather than skipped.
 */
import { z } from 'zod';
import type { GraphHttp, GraphSendOptions } from './graph-http';

/** Far beyond any attendance report or meeting lookup; stops a server that links in circles. */
const MAX_PAGES = 1000;

export interface GraphPage<T> {
  value: T[];
  '@odata.nextLink'?: string | null;
}

/** One page of a collection whose items match `item`. */
export function graphPage<T>(item: z.ZodType<T>): z.ZodType<GraphPage<T>> {
  return z.object({ value: z.array(item), '@odata.nextLink': z.string().nullish() });
}

export interface AllPages<T> {
  /** False when the first request was answered with an `accept`ed non-2xx status (e.g. 404): no items. */
  found: boolean;
  status: number;
  items: T[];
}

/**
 * GETs `path` and every page after it. Only the first request carries `options` (a `$filter`, accepted
 * statuses): a nextLink already holds the query, and a later page answering an error is an error.
 */
export async function getAllPages<T>(graph: GraphHttp, path: string, item: z.ZodType<T>, options: GraphSendOptions = {}): Promise<AllPages<T>> {
  const schema = graphPage(item);
  const items: T[] = [];
  const seen = new Set<string>();
  let next: string | undefined = path;
  let first = true;
  let status = 0;
  while (next !== undefined) {
    if (seen.size >= MAX_PAGES) throw new Error(`Graph paging of ${path.split('?')[0]!} went past ${MAX_PAGES} pages`);
    seen.add(next);
    const answer = await graph.send('GET', next, first ? options : {});
    if (first) {
      status = answer.status;
      if (answer.status < 200 || answer.status > 299) return { found: false, status, items };
    }
    first = false;
    const page: GraphPage<T> = graph.parse(schema, answer, 'GET', next);
    items.push(...page.value);
    const link: string | undefined = page['@odata.nextLink'] ?? undefined;
    if (link !== undefined && seen.has(link)) throw new Error(`Graph paging of ${path.split('?')[0]!} links back to a page it already gave`);
    next = link;
  }
  return { found: true, status, items };
}
