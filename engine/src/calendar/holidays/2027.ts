import type { HolidayYear } from '../holiday-year.js';

/**
 * Not yet published when this was written: derived from the rules, to be corrected by an admin once the
 * State Council's notice for 2027 is out.
 */
export const holidays2027: HolidayYear = {
  year: 2027,
  provisional: true,
  note:
    'Derived, not published. Statutory days from 全国年节及纪念日放假办法 (2024 revision): 元旦 1 Jan; 春节 除夕 and ' +
    '正月初一–初三 (除夕 = 5 Feb 2027, 正月初一 = 6 Feb, from the new moon of 6 Feb 23:56 China time); 清明 = the solar ' +
    'term, 5 Apr 2027; 劳动节 1–2 May; 端午 五月初五 = 9 Jun 2027 (Wednesday); 中秋 八月十五 = 15 Sep 2027 (Wednesday); ' +
    '国庆 1–3 Oct. Blocks follow the 2024 principles (春节 8 days from 除夕, 劳动节 5, 国庆 7, the others 3 days or, on a ' +
    'Wednesday, that day only); statutory days falling on a weekend are made up with weekdays inside the block, and ' +
    'the make-up Saturdays/Sundays are chosen next to the blocks keeping runs of working days at most six long. ' +
    'The 春节 and 劳动节 make-up days are the least certain.',
  holidays: [
    // 元旦: 1月1日（周五）至3日（周日）连休，不调休
    '2027-01-01', '2027-01-02', '2027-01-03',
    // 春节: 2月5日（除夕，周五）至12日（周五），共8天
    '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12',
    // 清明节: 4月3日（周六）至5日（周一），共3天
    '2027-04-03', '2027-04-04', '2027-04-05',
    // 劳动节: 5月1日（周六）至5日（周三），共5天
    '2027-05-01', '2027-05-02', '2027-05-03', '2027-05-04', '2027-05-05',
    // 端午节: 6月9日（周三）当日
    '2027-06-09',
    // 中秋节: 9月15日（周三）当日
    '2027-09-15',
    // 国庆节: 10月1日（周五）至7日（周四），共7天
    '2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07',
  ],
  makeUpWorkdays: [
    '2027-01-31', // 周日，春节
    '2027-02-20', // 周六，春节
    '2027-05-08', // 周六，劳动节
    '2027-09-26', // 周日，国庆节
    '2027-10-09', // 周六，国庆节
  ],
  source: 'Provisional: derived from 全国年节及纪念日放假办法 and the principles in 国办发明电〔2024〕12号; no notice for 2027 was found',
};
