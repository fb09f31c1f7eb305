import { residentIdCheckCharacter } from '../forms/resident-id-number.js';
import { demoOrganizations } from './demo-organizations.js';
import type { DemoDice } from './demo-dice.js';

/** A grid of the demo district with the community and street it belongs to. */
export interface DemoGrid {
  gridId: string;
  gridName: string;
  communityId: string;
  communityName: string;
  streetId: string;
  streetName: string;
}

/** A fictitious resident: every name, number and address of the demo is made up. */
export interface DemoResident {
  name: string;
  /** A well-formed 居民身份证 number (check character right) of a made-up person. */
  idNumber: string;
  phone: string;
  address: string;
  /** Years of age at the demo's time. */
  age: number;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗', '梁', '宋', '郑', '谢', '韩', '唐', '冯', '于', '董', '萧'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英', '建国', '淑珍', '玉兰', '德明', '志强', '海燕', '红梅', '晓东', '春花', '国庆', '文博', '子涵', '雨萱'];
/** Address codes of 北京市朝阳区 and neighbours; the demo district borrows them for its residents' numbers. */
const ADDRESS_CODES = ['110105', '110101', '110102', '110106', '110108'];
const BUILDINGS = ['号楼', '号院'];

/** The grids of the demo district (demo-organizations.ts), with their community and street. */
export function demoGrids(): DemoGrid[] {
  const orgs = demoOrganizations();
  const byId = new Map(orgs.map((o) => [o.id, o]));
  return orgs
    .filter((o) => o.kind === 'grid')
    .map((grid) => {
      const community = byId.get(grid.parentId!)!;
      const street = byId.get(community.parentId!)!;
      return { gridId: grid.id, gridName: grid.name, communityId: community.id, communityName: community.name, streetId: street.id, streetName: street.name };
    });
}

/**
 * Where a case happens: a share of cases falls in the organisations of the demo users (grid1's and grid2's grids,
 * the community worker's community), so that logging in as them shows work; the rest anywhere in the district.
 */
export function pickGrid(dice: DemoDice, grids: readonly DemoGrid[]): DemoGrid {
  const roll = dice.next();
  const among = (filter: (g: DemoGrid) => boolean) => {
    const matching = grids.filter(filter);
    return matching.length > 0 ? dice.pick(matching) : dice.pick(grids);
  };
  if (roll < 0.1) return among((g) => g.gridId === 'st-hepingli-c01-g1');
  if (roll < 0.15) return among((g) => g.gridId === 'st-dongfeng-c01-g1');
  if (roll < 0.25) return among((g) => g.communityId === 'st-hepingli-c01');
  return dice.pick(grids);
}

/** Makes up residents, staff names and places for the demo cases. */
export class DemoResidents {
  constructor(
    private readonly dice: DemoDice,
    /** Epoch ms "now" of the demo (for ages and birth dates). */
    private readonly now: number,
  ) {}

  name(): string {
    return this.dice.pick(SURNAMES) + this.dice.pick(GIVEN);
  }

  /** A mobile number (1[3-9] and nine digits). */
  phone(): string {
    return `1${this.dice.pick(['3', '5', '7', '8', '9'])}${String(this.dice.integer(0, 999_999_999)).padStart(9, '0')}`;
  }

  idNumber(age: number): string {
    const birthYear = new Date(this.now).getUTCFullYear() - age;
    const month = this.dice.integer(1, 12);
    const day = this.dice.integer(1, 28);
    const first17 = `${this.dice.pick(ADDRESS_CODES)}${birthYear}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(this.dice.integer(1, 999)).padStart(3, '0')}`;
    return first17 + residentIdCheckCharacter(first17);
  }

  address(grid: DemoGrid): string {
    return `${grid.streetName}${grid.communityName}${this.dice.integer(1, 28)}${this.dice.pick(BUILDINGS)}${this.dice.integer(1, 6)}单元${this.dice.integer(1, 18)}0${this.dice.integer(1, 4)}室`;
  }

  resident(grid: DemoGrid, ageRange: [number, number] = [22, 85]): DemoResident {
    const age = this.dice.integer(ageRange[0], ageRange[1]);
    return { name: this.name(), idNumber: this.idNumber(age), phone: this.phone(), address: this.address(grid), age };
  }
}
