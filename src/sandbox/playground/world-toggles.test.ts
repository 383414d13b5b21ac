import { describe, expect, it } from 'vitest';
import { createSandboxWorld } from '../aws/index.js';
import { setToggle, toggleStates, WORLD_TOGGLES } from './world-toggles.js';

describe('world toggles', () => {
  it('start with every seeded problem present, on jobs that exist', () => {
    const world = createSandboxWorld();
    expect(toggleStates(world).map((t) => [t.id, t.fixed])).toEqual(WORLD_TOGGLES.map((t) => [t.id, false]));
    for (const t of WORLD_TOGGLES) expect(world.jobs(t.region).size).toBeGreaterThan(0);
  });

  it.each(WORLD_TOGGLES.map((t) => [t.id]))('%s: fix, fix again (no-op), restore, restore again', (id) => {
    const world = createSandboxWorld();
    const fixed = () => toggleStates(world).find((t) => t.id === id)?.fixed;
    setToggle(world, id, true);
    expect(fixed()).toBe(true);
    setToggle(world, id, true);
    setToggle(world, id, false);
    expect(fixed()).toBe(false);
    setToggle(world, id, false);
    expect(toggleStates(world).every((t) => !t.fixed)).toBe(true);
  });

  it('restores with the original rule description (the backout is a real inverse)', () => {
    const world = createSandboxWorld();
    const before = structuredClone([...world.network('us-east-1').securityGroups.values()]);
    for (const t of WORLD_TOGGLES) setToggle(world, t.id, true);
    for (const t of WORLD_TOGGLES) setToggle(world, t.id, false);
    expect([...world.network('us-east-1').securityGroups.values()]).toEqual(before);
  });

  it('refuses an unknown switch', () => {
    expect(() => setToggle(createSandboxWorld(), 'drop-tables', true)).toThrow('unknown world toggle "drop-tables"');
  });
});
