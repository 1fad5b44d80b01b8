// In-memory document catalogue of the demo target: seeded documents generated lazily and
// deterministically from their id, created documents kept in a bounded map, and a word index for search.
import { createRandom } from './latency.ts';

/** Most created documents kept; the oldest are dropped beyond it, so long runs stay bounded in memory. */
export const MAX_CREATED = 20_000;
/** Largest page size of the list route. */
export const MAX_PAGE_SIZE = 100;
/** Most hits returned by one search. */
export const MAX_SEARCH_HITS = 20;

const WORDS = [
  'annual', 'report', 'contract', 'invoice', 'policy', 'release', 'plan', 'budget', 'audit', 'review',
  'design', 'proposal', 'minutes', 'roadmap', 'security', 'compliance', 'onboarding', 'handbook', 'quarterly',
  'forecast', 'migration', 'architecture', 'incident', 'postmortem', 'capacity', 'vendor', 'agreement', 'draft',
  'final', 'summary', 'analysis', 'specification', 'training', 'customer', 'support', 'sales', 'marketing', 'legal',
];
const DEPARTMENTS = ['finance', 'legal', 'engineering', 'sales', 'hr', 'operations', 'marketing', 'support'];
const OWNERS = ['a.martin', 'b.chen', 'c.garcia', 'd.smith', 'e.kowalski', 'f.nguyen', 'g.okafor', 'h.tanaka'];
const TYPES = ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'text/markdown', 'image/png'];
const EPOCH = Date.UTC(2023, 0, 1);

/** One document as the API returns it. */
export interface DocumentRecord {
  id: number;
  title: string;
  owner: string;
  department: string;
  mimeType: string;
  sizeBytes: number;
  version: number;
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

/** Catalogue of `count` seeded documents (ids 1..count) plus created ones (ids above count). */
export class DocumentStore {
  private readonly cache = new Map<number, string>();
  private readonly created = new Map<number, string>();
  private index: Map<string, number[]> | null = null;
  private nextId: number;

  constructor(readonly count: number, private readonly seed: number) {
    this.nextId = count + 1;
  }

  /** The seeded document `id` (1..count), the same for every run with the same seed. */
  generate(id: number): DocumentRecord {
    const rand = createRandom((this.seed * 1_000_003 + id) >>> 0);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
    const words = 2 + Math.floor(rand() * 3);
    const title: string[] = [];
    for (let i = 0; i < words; i++) title.push(pick(WORDS));
    const created = EPOCH + Math.floor(rand() * 700) * 86_400_000;
    const version = 1 + Math.floor(rand() * 9);
    return {
      id,
      title: title.join(' '),
      owner: pick(OWNERS),
      department: pick(DEPARTMENTS),
      mimeType: pick(TYPES),
      sizeBytes: 1024 + Math.floor(rand() * 20_000_000),
      version,
      tags: [pick(WORDS), pick(DEPARTMENTS)],
      createdAt: new Date(created).toISOString(),
      updatedAt: new Date(created + version * 3_600_000).toISOString(),
    };
  }

  /** JSON of document `id`, or undefined when no such document exists. */
  json(id: number): string | undefined {
    if (!Number.isInteger(id) || id < 1) return undefined;
    if (id > this.count) return this.created.get(id);
    let s = this.cache.get(id);
    if (s === undefined) {
      s = JSON.stringify(this.generate(id));
      this.cache.set(id, s);
    }
    return s;
  }

  /** Total number of documents currently held. */
  get total(): number {
    return this.count + this.created.size;
  }

  /** JSON of one page (1-based) of `size` documents, with paging metadata. */
  page(page: number, size: number): string {
    const start = (page - 1) * size;
    const items: string[] = [];
    for (let i = start; i < start + size && i < this.count; i++) items.push(this.json(i + 1)!);
    if (start + size > this.count && this.created.size) {
      let i = this.count;
      for (const s of this.created.values()) {
        if (i >= start + size) break;
        if (i >= start) items.push(s);
        i++;
      }
    }
    return `{"page":${page},"size":${size},"total":${this.total},"items":[${items.join(',')}]}`;
  }

  /** Stores a new document built from `input`; returns its record. Drops the oldest created beyond MAX_CREATED. */
  create(input: Record<string, unknown>): DocumentRecord {
    const now = new Date().toISOString();
    const str = (v: unknown, d: string): string => (typeof v === 'string' && v.length <= 500 ? v : d);
    const doc: DocumentRecord = {
      id: this.nextId++,
      title: str(input.title, 'untitled'),
      owner: str(input.owner, 'anonymous'),
      department: str(input.department, 'operations'),
      mimeType: str(input.mimeType, 'application/octet-stream'),
      sizeBytes: typeof input.sizeBytes === 'number' && input.sizeBytes >= 0 ? input.sizeBytes : 0,
      version: 1,
      tags: Array.isArray(input.tags) ? input.tags.filter((t): t is string => typeof t === 'string').slice(0, 20) : [],
      createdAt: now,
      updatedAt: now,
    };
    this.created.set(doc.id, JSON.stringify(doc));
    if (this.created.size > MAX_CREATED) {
      const oldest = this.created.keys().next().value;
      if (oldest !== undefined) this.created.delete(oldest);
    }
    return doc;
  }

  /** JSON of the search results for `q`: seeded documents whose title or tags contain every word of q. */
  search(q: string): string {
    const index = this.buildIndex();
    const terms = q.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).slice(0, 8);
    let hits: number[] = [];
    if (terms.length) {
      const lists = terms.map((t) => index.get(t) ?? []).sort((a, b) => a.length - b.length);
      hits = lists[0];
      for (let i = 1; i < lists.length && hits.length; i++) {
        const other = new Set(lists[i]);
        hits = hits.filter((id) => other.has(id));
      }
    }
    const items = hits.slice(0, MAX_SEARCH_HITS).map((id) => this.json(id)!);
    return `{"query":${JSON.stringify(q)},"total":${hits.length},"items":[${items.join(',')}]}`;
  }

  /** Builds the word index over seeded documents on first use. */
  private buildIndex(): Map<string, number[]> {
    if (this.index) return this.index;
    const index = new Map<string, number[]>();
    for (let id = 1; id <= this.count; id++) {
      const d = this.generate(id);
      const words = new Set([...d.title.split(' '), ...d.tags, d.department]);
      for (const w of words) {
        let list = index.get(w);
        if (!list) index.set(w, (list = []));
        list.push(id);
      }
    }
    this.index = index;
    return index;
  }
}
