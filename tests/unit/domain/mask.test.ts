import { describe, expect, it } from 'vitest';
import { maskName } from '../../../src/domain/card';

describe('maskName', () => {
  it.each([
    ['张小明', '张*明'], ['李明', '李*'], ['欧阳小华', '欧阳*华'], ['欧阳修', '欧阳*'], ['爱新觉罗溥仪', '爱*仪'],
    ['阿依古丽·买买提', '阿*提'], [' 张 小 明 ', '张*明'], ['张', '张*'],
    ['John Smith', 'J*** S.'], ['mary ann lee', 'M*** L.'], ['Madonna', 'M***'], ['Ólafur Arnalds', 'Ó*** A.'], ['', '*'],
  ])('masks %j as %j', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});
