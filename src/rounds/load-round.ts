import { readdirSync, readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { load as loadYaml } from 'js-yaml';
import { assetUrl } from '../assets.ts';
import { roundSchema } from './round-schema.ts';
import type { RoundData } from './types.ts';
import { lazy } from '../util/lazy.ts';

const DATA_DIRECTORY = assetUrl('rounds/data/');

/** A round file that is missing or does not match the schema: a defect of the tool or of a user's round file. */
export class RoundDataError extends Error {
  override readonly name = 'RoundDataError';
}

const roundValidator = lazy(() => new Ajv({ allErrors: true, strict: true, strictTypes: false }).compile<RoundData>(roundSchema));
const cache = new Map<string, RoundData>();

/** The ids of the rounds shipped with the tool, oldest first. */
export function knownRounds(): string[] {
  return readdirSync(DATA_DIRECTORY)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => name.slice(0, -'.yaml'.length))
    .sort(compareRounds);
}

export function loadRound(id: string): RoundData {
  const cached = cache.get(id);
  if (cached) return cached;
  if (!knownRounds().includes(id)) throw new RoundDataError(`unknown round "${id}"; known rounds: ${knownRounds().join(', ')}`);
  const round = parseRound(readFileSync(new URL(`${id}.yaml`, DATA_DIRECTORY), 'utf8'), `${id}.yaml`);
  if (round.id !== id) throw new RoundDataError(`${id}.yaml declares id "${round.id}"`);
  cache.set(id, round);
  return round;
}

/** Parses and validates the text of a round file. */
export function parseRound(text: string, source: string): RoundData {
  let data: unknown;
  try {
    data = loadYaml(text);
  } catch (cause) {
    throw new RoundDataError(`${source}: ${(cause as Error).message}`);
  }
  const validate = roundValidator();
  if (!validate(data)) throw new RoundDataError(`${source} does not match the round schema:\n${formatErrors(validate.errors ?? [])}`);
  for (const [name, model] of Object.entries(data.models)) {
    const metrics = [...(model.accuracy?.targets ?? []), ...(model.accuracy?.upperLimits ?? [])].map((bound) => bound.metric);
    const unknown = metrics.filter((metric) => !(metric in data.accuracyPatterns));
    if (unknown.length > 0) throw new RoundDataError(`${source}: model ${name} uses accuracy metrics without a pattern: ${unknown.join(', ')}`);
  }
  return data;
}

function formatErrors(errors: readonly ErrorObject[]): string {
  return errors.map((error) => `  ${error.instancePath || '/'} ${error.message ?? ''}`).join('\n');
}

/** Orders round ids by version number: v4.1 < v5.0 < v5.1 < v6.0 < v10.0. */
export function compareRounds(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.slice(1).split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.slice(1).split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

/** Whether a round lies within an inclusive range; open ends are unbounded. */
export function roundInRange(round: string, range: { since?: string; until?: string } | undefined): boolean {
  if (!range) return true;
  if (range.since !== undefined && compareRounds(round, range.since) < 0) return false;
  if (range.until !== undefined && compareRounds(round, range.until) > 0) return false;
  return true;
}
