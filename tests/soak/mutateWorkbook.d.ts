import type { Arbitrary } from "fast-check";

export type Mutation =
  | { kind: "flip"; at: number; bit: number; count: number }
  | { kind: "truncate"; at: number }
  | { kind: "reorder"; seed: number }
  | { kind: "splice"; entry: number; at: number; fragment: string; cut: number }
  | { kind: "dropEntry"; entry: number }
  | { kind: "duplicateEntry"; entry: number }
  | { kind: "bytes"; at: number; bytes: Uint8Array };

export const mutationArb: Arbitrary<Mutation>;
/** One to three mutations applied in turn. */
export const mutationsArb: Arbitrary<Mutation[]>;
export const SPLICES: readonly string[];
export function applyMutation(xlsx: Buffer, m: Mutation): Buffer;
export function mutate(xlsx: Buffer, mutations: readonly Mutation[]): Buffer;
