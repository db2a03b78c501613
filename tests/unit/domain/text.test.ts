import { describe, expect, it } from 'vitest';
import { fillMessage } from '../../../src/domain/text';

describe('fillMessage', () => {
  it('fills every placeholder it has a value for and leaves unknown ones visible', () => {
    expect(fillMessage('{n} 分钟后再试 {n}', { n: 5 })).toBe('5 分钟后再试 5');
    expect(fillMessage('Updated {time}', {})).toBe('Updated {time}');
  });

  it('does not take inherited properties for placeholders', () => {
    expect(fillMessage('{toString}', {})).toBe('{toString}');
  });
});
