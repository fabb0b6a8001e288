import { describe, expect, it } from 'vitest';
import { DismissStack, type Overlay } from './dismiss-stack.ts';

function overlay(name: string, log: string[], closesOnOutsidePress: boolean, inside: readonly string[] = [name]): Overlay {
  return { dismiss: () => log.push(name), closesOnOutsidePress, contains: (t) => inside.includes(t as string) };
}

describe('DismissStack', () => {
  it('Escape closes only the innermost overlay', () => {
    const log: string[] = [];
    const stack = new DismissStack();
    stack.push(overlay('tasks', log, true));
    const pop = stack.push(overlay('dialog', log, false));
    expect(stack.escape()).toBe(true);
    expect(log).toEqual(['dialog']);
    pop();
    stack.escape();
    expect(log).toEqual(['dialog', 'tasks']);
  });

  it('a press outside closes popovers but stops at a dialog or the overlay it falls in', () => {
    const log: string[] = [];
    const stack = new DismissStack();
    stack.push(overlay('tasks', log, true, ['tasks', 'tasks-button']));
    stack.press('tasks-button');
    expect(log).toEqual([]);
    stack.press('page');
    expect(log).toEqual(['tasks']);

    const log2: string[] = [];
    const stack2 = new DismissStack();
    stack2.push(overlay('menu-under', log2, true));
    stack2.push(overlay('dialog', log2, false));
    stack2.push(overlay('menu-in-dialog', log2, true));
    stack2.press('dialog');
    expect(log2).toEqual(['menu-in-dialog']);
  });

  it('does nothing with nothing open', () => {
    expect(new DismissStack().escape()).toBe(false);
  });
});
