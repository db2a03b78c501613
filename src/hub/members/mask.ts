// The masked display name: the only form of a member's name that leaves the hub (badges, kiosk screens,
// the card map). Enough for a person to recognise themselves, not enough to look someone up.
//   Chinese: 张明 → 张*, 张小明 → 张*明, 欧阳修 → 欧阳*, 欧阳小华 → 欧阳*华, 爱新觉罗溥仪 → 爱*仪
//   Latin (and other scripts): John Smith → J*** S., Madonna → M***
// The result is short on purpose: it must fit a badge's 22-byte payload (src/domain/badge.ts).

// Two-character surnames, so 欧阳 stays whole rather than becoming 欧*.
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '轩辕',
  '令狐', '端木', '南宫', '独孤', '西门', '澹台', '百里', '呼延', '钟离', '宗政', '濮阳', '公冶', '太叔', '申屠',
  '闻人', '万俟', '赫连', '司空', '拓跋', '东郭', '左丘', '第五',
]);
const HAN = /^\p{Script=Han}/u;

export function maskName(fullName: string): string {
  const name = fullName.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (name === '') return '*';
  if (HAN.test(name)) {
    // the middle dot of minority names (阿依古丽·买买提) and spaces carry no letters
    const chars = [...name.replace(/[\s·•・.]/g, '')];
    const surname = chars.length >= 3 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
    if (chars.length <= surname + 1) return `${chars.slice(0, surname).join('')}*`;
    if (surname === 2) return `${chars.slice(0, 2).join('')}*${chars.at(-1)}`;
    return `${chars[0]}*${chars.at(-1)}`;
  }
  const words = name.split(' ');
  const initial = (w: string) => [...w][0]!.toLocaleUpperCase();
  const first = `${initial(words[0]!)}***`;
  return words.length > 1 ? `${first} ${initial(words.at(-1)!)}.` : first;
}
