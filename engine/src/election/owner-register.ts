import { parseExclusiveArea } from './exclusive-area.js';
import { TallyInputError } from './tally-input-error.js';
import { readArray, readId, readRecord } from './tally-input.js';

/**
 * One owner as the law counts heads (最高法 建筑物区分所有权解释): all units of one owner group are one owner, and the
 * developer's unsold units together are one owner. Its area is the sum of its units' exclusive areas.
 */
export interface VotingOwner {
  /** The owner group ids that speak for this owner (several only for the developer). */
  ownerGroupIds: string[];
  unitIds: string[];
  /** Ten-thousandths of a m². */
  area: bigint;
  isDeveloper: boolean;
}

export interface OwnerRegister {
  owners: VotingOwner[];
  /** A ballot's ownerGroupId resolves to its owner here. */
  ownerByGroupId: Map<string, VotingOwner>;
  /** Ten-thousandths of a m². */
  totalArea: bigint;
}

/** Reads the owner register (业主名册) and folds its units into counted owners. */
export function buildOwnerRegister(ownersInput: unknown): OwnerRegister {
  const units = readArray(ownersInput, 'owners');
  if (units.length === 0) throw new TallyInputError('owners', 'the owner register is empty; there is nothing to count');

  const unitIndexById = new Map<string, number>();
  const developerUnitIndexByGroup = new Map<string, number>();
  const ownerUnitIndexByGroup = new Map<string, number>();
  const ownerByGroupId = new Map<string, VotingOwner>();
  const owners: VotingOwner[] = [];
  let developer: VotingOwner | undefined;
  let totalArea = 0n;

  units.forEach((raw, index) => {
    const at = `owners[${index}]`;
    const unit = readRecord(raw, at);
    const unitId = readId(unit.unitId, `${at}.unitId`);
    const ownerGroupId = readId(unit.ownerGroupId, `${at}.ownerGroupId`);
    const area = parseExclusiveArea(unit.area, `${at}.area`);
    if (unit.developerUnsold !== undefined && typeof unit.developerUnsold !== 'boolean') {
      throw new TallyInputError(`${at}.developerUnsold`, 'must be true or false when given');
    }
    const developerUnsold = unit.developerUnsold === true;

    const earlier = unitIndexById.get(unitId);
    if (earlier !== undefined) {
      throw new TallyInputError(`${at}.unitId`, `unit '${unitId}' is already listed at owners[${earlier}]; a unit is counted once`);
    }
    unitIndexById.set(unitId, index);

    // A group is one owner: it cannot be partly the developer's unsold stock and partly a buyer's, or the head count
    // would depend on which rule is applied first.
    const clash = developerUnsold ? ownerUnitIndexByGroup.get(ownerGroupId) : developerUnitIndexByGroup.get(ownerGroupId);
    if (clash !== undefined) {
      throw new TallyInputError(
        `${at}.developerUnsold`,
        `owner group '${ownerGroupId}' mixes the developer's unsold units with other units (see owners[${clash}]); ` +
          'sold units belong to their buyer\'s group',
      );
    }
    (developerUnsold ? developerUnitIndexByGroup : ownerUnitIndexByGroup).set(ownerGroupId, index);

    let owner = ownerByGroupId.get(ownerGroupId);
    if (!owner) {
      if (developerUnsold) {
        if (!developer) {
          developer = { ownerGroupIds: [], unitIds: [], area: 0n, isDeveloper: true };
          owners.push(developer);
        }
        owner = developer;
      } else {
        owner = { ownerGroupIds: [], unitIds: [], area: 0n, isDeveloper: false };
        owners.push(owner);
      }
      owner.ownerGroupIds.push(ownerGroupId);
      ownerByGroupId.set(ownerGroupId, owner);
    }
    owner.unitIds.push(unitId);
    owner.area += area;
    totalArea += area;
  });

  return { owners, ownerByGroupId, totalArea };
}
