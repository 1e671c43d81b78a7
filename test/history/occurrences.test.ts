import { describe, expect, it } from 'vitest';
import { OccurrenceIndex, type Occurrence } from '../../src/history/occurrences';
import { mulberry32, testSeed } from '../helpers/secret-generators';

/** The index's meaning, written plainly: a list per blob, first path first, first commit kept. */
class PlainIndex {
  readonly blobs = new Map<string, Occurrence[]>();
  add(blob: string, path: string, commit: number, cap: number): void {
    const list = this.blobs.get(blob);
    if (!list) return void this.blobs.set(blob, [{ path, commit }]);
    if (list.length >= cap) return;
    if (list.some((occurrence) => occurrence.path === path)) return;
    list.push({ path, commit });
  }
}

describe('OccurrenceIndex', () => {
  it('keeps each blob’s paths in the order met, each with the first commit that had it', () => {
    const index = new OccurrenceIndex();
    index.addOccurrence('b1', 'a.py', 0);
    index.addOccurrence('b2', 'b.py', 1);
    index.addOccurrence('b1', 'c.py', 2);
    index.addOccurrence('b1', 'a.py', 3);
    expect(index.occurrencesOf('b1')).toEqual([
      { path: 'a.py', commit: 0 },
      { path: 'c.py', commit: 2 },
    ]);
    expect(index.pathsOf('b1')).toEqual(['a.py', 'c.py']);
    expect(index.occurrencesOf('b2')).toEqual([{ path: 'b.py', commit: 1 }]);
    expect([...index.blobIds()]).toEqual(['b1', 'b2']);
    expect(index.has('b2')).toBe(true);
    expect(index.has('b3')).toBe(false);
    expect(index.occurrencesOf('b3')).toEqual([]);
    expect(index.pathsOf('b3')).toEqual([]);
  });

  it('stops tracking a blob after 1,000 paths (a git bomb keeps nothing more)', () => {
    const index = new OccurrenceIndex();
    for (let i = 0; i < 5000; i++) index.addOccurrence('empty', `dir/${i}.txt`, i);
    const occurrences = index.occurrencesOf('empty');
    expect(occurrences).toHaveLength(1000);
    expect(occurrences.at(-1)).toEqual({ path: 'dir/999.txt', commit: 999 });
  });

  it('answers as a list per blob would, over random histories larger than its first arrays', () => {
    const random = mulberry32(testSeed());
    for (let round = 0; round < 20; round++) {
      const index = new OccurrenceIndex();
      const plain = new PlainIndex();
      const blobCount = 1 + Math.floor(random() * 5000);
      const pathCount = 1 + Math.floor(random() * 300);
      const adds = Math.floor(random() * 12000);
      for (let i = 0; i < adds; i++) {
        const blob = `blob${Math.floor(random() * blobCount)}`;
        const path = `p/${Math.floor(random() * pathCount)}.py`;
        const commit = Math.floor(random() * 100000);
        index.addOccurrence(blob, path, commit);
        plain.add(blob, path, commit, 1000);
      }
      expect([...index.blobIds()]).toEqual([...plain.blobs.keys()]);
      for (const [blob, list] of plain.blobs) {
        expect(index.occurrencesOf(blob)).toEqual(list);
        expect(index.pathsOf(blob)).toEqual(list.map((occurrence) => occurrence.path));
      }
    }
  });
});
