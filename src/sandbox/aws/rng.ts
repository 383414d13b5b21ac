/**
 * Deterministic randomness for the sandbox: a small seeded PRNG (mulberry32) and string hashing, so
 * fleets, fault injection and latency jitter repeat exactly for a given seed.
 * @module
 */
import { createHash } from 'node:crypto';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  chance(p: number): boolean;
}

/** 32-bit FNV-1a over a string: cheap, stable, good enough to seed. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes a seed and an index into an independent 32-bit seed (splitmix-style finaliser). */
export function mixSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 0x9e3779b9, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

export function seedOf(seed: number | string): number {
  return typeof seed === 'number' ? seed >>> 0 : hash32(seed);
}

export function createRng(seed: number | string): Rng {
  let state = seedOf(seed);
  function next(): number {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  return {
    next,
    int: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
  };
}

/**
 * A realistic, stable EC2 id (`subnet-0` + 16 hex digits) derived from a label, so seeded resources
 * look like AWS's and stay the same across runs.
 */
export function ec2Id(prefix: string, label: string): string {
  return `${prefix}-0${createHash('sha256').update(`${prefix}/${label}`).digest('hex').slice(0, 16)}`;
}
