"""Real plans of other bodies, captured from public web pages, with their expected parse typed
by collectors who never saw the importer's code (issue 14). Eight batches, each a folder of
tests/:

- real_dev (华东/华南/华中 bodies) and real_dev2 (华北/东北/西北/西南 bodies and ministries):
  the importer was built on them. Their first scores on arrival, the honest figures for
  unseen plans, were 37% (54/146) and 62% (40/65, 2 silently wrong).
- real_heldout2 and real_heldout3: scored once, blind, when the importer was first finished
  (839a9f5): 81% (26/32) and 49% (41/83, 17 silently wrong — mostly a paragraph holding
  several tasks, each with its own bracket, read as one task, and bare (X、Y) brackets with no
  role word). Those were the honest figures for unseen plans; since 2732c19 all four batches
  are dev sets the importer is tuned on, and the figure that counts comes from batches
  collected after it, scored by the lead.
- real_heldout4 (provinces, cities, their departments; 19 plans) and real_heldout5 (counties,
  towns, development zones, ministries; 10 plans, 4 of which name no unit at all): collected
  blind after 2732c19 while the importer was being changed, scored once by the lead on the
  finished importer (38f10c7): 28/52 (54%, 9 silently wrong) and 9/26 (35%, 2 silently wrong),
  against 27/52 and 5/26 for 2732c19 with the same scorer. The bar (90% of unseen items right,
  none silently wrong) is not met. The four plans of real_heldout5 that name no units are
  refused whole ("未能识别出任何工作任务"), where their collector expects the tasks kept with
  no units, flagged.

- real_dev3 (four plans of a sixth blind batch, from a crawler's archive of a portal, given
  as dev data; the other six stay held out): 0/119 on arrival (two one-line prose plans
  refused, two tables run into one line with no cell separators). Now 109/119: the
  one-line plans are whole (59/59); the run-on tables, whose rows are all flagged, read
  16/18 (units after the requirement) and 34/42 (units before it, found where the rows
  repeat one list).
- real_heldout6 (the other six plans of that batch; four are 政务公开 plans of a province and a
  development zone, two are other task plans of the same shape): scored by the lead on 7e73729
  and on the finished importer (b252f90), in aggregate only: 57/251 (101 silently wrong) →
  58/251 (6 silently wrong). Three of the six are tables run into one line; their rows are now
  flagged instead of silently wrong, but not read right. Since then a dev set: 242/251 (1
  silently wrong), the run-on tables 32/36, 58/60, 65/66 (every row flagged) and the plan
  with role labels after each task (牵头处室：X；配合部门：Y) 27/27.
- real_heldout5's floor follows what it reads today (17/26), not its first blind score.
- The seventh round (every batch a dev set, scored on 7ca714e before it): every silently
  wrong item found by cause and fixed or flagged by a general rule — real_heldout4 28/52
  (9 silently wrong) → 43/52 (none), real_heldout5 17/26 (2) → 26/26, real_heldout6
  242/251 (1) → 246/251 (none), real_dev3 109/119 → 113/119; the others unchanged.
- real_dev4 (five plans of a seventh blind batch, from the same archive, given as dev data;
  the other five stay held out): 43/173 (54 silently wrong) on arrival → 117/173 (none). 03's
  1．/2． number groups of bracket-closed tasks (75 read, each flagged); 10's 九、 paragraph
  holding a task is read as one; 01 (a table run into one line that no reader cuts, its
  任务来源 column numbering its own entries) is refused with its message, not read with tasks
  lost.
- real_heldout7 (the other five plans of that batch, held out from both rounds and scored by
  the lead in aggregate only): 42/86 (9 silently wrong) on 7ca714e, on the seventh round's code
  and on the eighth's — nothing learnt from the dev batches reached them. 05 (role labels with
  no brackets, each task's units read into its neighbour: 0/28) and 08 (责任处室: with a
  half-width colon) hold the silently wrong items. Dev data from the next round on.

- The ninth round (every batch a dev set; a reader not sure flags the item): real_heldout7
  42/86 (9 silently wrong) -> 81/86 (none) — long headings closed by their own units with no
  numbered task under them are tasks (flagged), a page's signature/date/来源 no longer read
  into the last task, labels run on after a title with no full stop, tasks closed by bare
  role labels (labels.py: one task per set, a group closed once is one task, both flagged),
  closing measures naming no units left out with a warning; real_dev4 117/173 -> 162/173,
  its 01 (a run-on table with a deadline column and cited lists between its rows) read by
  runon_dated.py (44/46) instead of refused. The others unchanged.
- real_dev5 (six plans of an eighth blind batch, task-division plans of 片区 offices and a
  农业农村局, given as dev data; the other five stay held out): 22/73 on arrival, none silently
  wrong. The tenth round: units written as the subject of a group of duties (1.区X局负责…) in a
  plan naming none by label (11: 0/7 -> 7/7), a target year (确保2022年…) or an action day
  (于4月24日开展) taken as the deadline, flagged; a table run into one line whose units are
  followed by a 备注 column (runon_noted.py: names run together cut against the names the
  plan writes alone, group and schedule cells printed on some rows given to the rows after
  them; 01: 0/42 -> 42/42, every row flagged). 22/73 -> 73/73. General rules for the
  layouts its README describes in the plans held out, tried on invented plans only
  (test_import_real_layouts10.py): X配合Y落实 (Y leads), a run-on table with a space between
  cells and a deadline column (runon_spaced.py), units labels after a comma, a label of no
  role (所属片区：) as support flagged, a group's closing deadline sentence (以上项目…前),
  duties headed by their unit (（一）X处。负责…). The other batches unchanged.
- real_heldout8 (the five plans of that batch held out until round 10; its README): 5/61 before
  round 10, 32/61 after it, 2 silently wrong (10). Dev data from round 11: a numbered task
  going on after its units bracket with a second sentence closed by its own (7.…（A牵头）各有关
  处室…（B负责）) is cut in two, the tasks numbered in order and flagged; brackets of units doing
  the work as fits them (（X结合工作实际推广）) and of doers listed with a comma after 配合
  (（X配合A，B、C落实）) read; a notice's numbered summary before the plan's first part,
  naming no units, left out with a warning; closing parts whose only units are a bracket inside
  a paragraph (各处室（中心）) left out as the plan's measures; a bracket after a name in a list
  (各处室（中心）、…) part of the name, not units; a units cell split by object (X配合Y负责养老院；
  Z配合W负责商场) read, flagged: 32/61 (2 silently wrong) -> 58/61 (none);
  real_heldout6 246 -> 247/251.

- real_heldout9 (the ninth blind batch, ten plans from mirror and news sites, most of them
  pages cut off inside a task; its README): 8/27 (4 silently wrong) blind on 54b5b78, dev data
  from round 12: a page cut inside its last task leaves that half task out, warned, and a
  page's footer after it is taken off (tail.py); 九、 headings whose paragraph a bracket line
  closes are tasks numbered as written; X牵头，A等部门，B配合 one list; a role verb a mirror
  swapped for a synonym (牵头卖力) read, flagged; a 工作任务 header over a group and a task
  column: 8/27 -> 18/27. Still wrong: 01's sections (its collector takes the group column as
  the section; the corpus keeps it as the group, section empty — flagged), 10's four rows
  (every field right; its collector asks a flag for a year-end reckoned from the year chosen
  at import, which a bare table is not given, by design since 5fbed97: the 4 silently wrong).
  Round 13: 01's expected sections aligned with the other batches (a group column's
  unnumbered cell is no section) and a bare table that never writes its year flags the
  dates reckoned from the import year: 18/27 -> 27/27.
- real_heldout10 (the tenth blind batch, 15 web excerpts, three of them task plans of other kinds
  and one (12) a page with no task; its README): blind 11/43 (3 items silently wrong) on stop
  26's main; dev data from stop 27. Round 13: 06's 持续推进 dates and 08's sections aligned with
  the other batches; duties led by their units (X负责…, X要…, X␣␣…, in groups of two), duties
  under a heading naming their unit (（一）办公室职责), a mirror's elision notice, a page cut
  inside a labelled bracket or a unit-led duty, a deadline last in a labelled bracket, a
  paragraph of units each followed by its duties (县环保局。负责…): 11/43 (3 silently wrong) ->
  42/43 (none; 14 #1's 年内完成 is read as no deadline, flagged).
- real_heldout12 (the twelfth blind batch, 7 web excerpts, mostly mirror pages starting
  mid-document or page 2 of split documents; its README): blind 9/19 (4 items silently
  wrong) on 3315b83 and on helper-plans17; dev data from round 14. Round 14: 01's and 05's
  sections (null) and 06's (typed simplified) and 各乡镇(街道) aligned with the other batches;
  a bracket after a name in a bare labelled list (牵头单位:X(Y)、Z) an alias, not a task's
  units bracket; 牵头单位:X。 责任单位:Y。 one set; a 一、 heading whose paragraph ends in bare
  labels, and a short heading followed by its paragraph and label lines, tasks numbered as
  written; a | row's units cell wrapped onto its own line joined to it; a page cut after a
  quote; 市直有关部门、单位 one collective: 9/19 (4 silently wrong) -> 19/19.

- Stop 28 (helper plans19): one convention for a table's group cell (corpus_score's
  docstring): a group cell beside its tasks, unnumbered or numbered only by the 序号 column,
  is their 工作任务 (subsection), not a section — the run-on readers follow it and the
  expectations of real_dev4 01, real_dev5 01 and real_heldout8 06 (110 items) are aligned
  (their READMEs say why); 年内完成 in a task's text is the plan year's end, flagged
  (real_heldout10 14: 42 -> 43/43); one traditional -> simplified table for the importer and
  the Q&A (lib/traditional.py); a task holding the next task's number that no item has, and a
  task whose text is a scrap, are flagged; numbered paragraphs after the last item that no
  item took, and more units labels or role brackets in the text than the items took, are
  warned about (unread.py: tasks lost with no item to flag were 123 of the 132 silently wrong
  items of seven blind batches' first readings). Every other batch unchanged (1363/1407).

- real_heldout13 (the thirteenth blind batch, 12 web excerpts the search tool cut after about
  700 characters, six of them plans of other government work; its README): blind 20/26 (1
  item silently wrong) on 9950656 and 83bb6c3; dev data from round 15. Round 15: compound role
  labels (牵头责任单位:/协同责任单位: lines), banks by their short names (市人行), sub-tasks
  (1)(2) run on in their measure's paragraph each closed by its units, a year's end followed by
  完成 in a task's text (2023年底完成80%以上), a ledger page's label | value rows, a long
  progress note no deadline; 11's units aligned to simplified characters (corpus_score's
  docstring): 20/26 (1 silently wrong) -> 26/26. A page stopping inside a label of its last
  item (配合单) flags that item and warns; a site's byline (主办单位:X 承办单位:Y), 相关链接
  and its titles after the plan are footer, and so are the issuer's signature and date, 抄送
  and 印发 lines (read as the last task's deadline); 【牵头单位】X is a label; one vocabulary
  of units labels for every reader (unit_text.UNITS_LABEL: 参与/协助/支持单位 and 责任主体 lines
  were left as text, support lost with no flag), a label of a role not known (督办单位:) read
  as support, flagged; 排在第一位的为牵头单位(，下同) (test_import_real_layouts16.py).
  The scorer counts a task the import did not produce as flagged when a warning names it, and
  gives both figures. Every other batch unchanged.

- real_heldout14 (the fourteenth blind batch, plans14: 16 web excerpts, 14 of them task lists of
  other government work — 河长制, 垃圾分类, 民生实事 progress reports, a 法治政府 ledger, a 重大行政
  决策目录 — and two 政务公开 plans; its README): blind 26/63 (7 items silently wrong) on 8da6408;
  dev data from this round. A progress report's columns (进展/进度/推进情况/是否…, 95%, 已…) are
  notes, never the task, units or deadline; a label repeated down a column is its value; a
  numbered group cell closed by its own units labels is the item; milestones by month one
  deadline; label: | value | records; 牵头、责任部门; 列第一位的为牵头单位; a cell table's cut last
  row or closing notice left out: 26/63 (7 silently wrong) -> 56/63 (none). 07's 第三季度
  (unflagged), 04's 全年 (year end, ongoing) and 15 #2's 11月份前 (as M月前) aligned with the
  conventions. Still refused with the importer's message: 02 (cells separated by spaces), 03
  and 04 (tables run into one line).

- real_heldout15 (the fifteenth blind batch, plans15: 21 web excerpts, 20 of them plans
  of other government work — 政府工作报告分工, 营商环境, 安全生产, 乡村振兴, 热线 — and one
  政务公开 plan; its README): blind 14/55 (2 silent) on 8da6408, 16/55 (3 silent) with
  plans21; dev data from this round. 09's (管委会), 18's 年内持续推进 and 05's
  各乡镇人民政府、街道办事处 aligned with the conventions.

- real_heldout16 (the sixteenth blind batch, plans16: 5 web excerpts, three 政府工作报告 task
  splits with the legend 列第一位为牵头(或汇总)单位; its README): blind 10/17 on 8da6408, 11/17
  on 2583a04, none silently wrong; dev data from stop 30. 05's (管委会) aligned. Stop 30 (helper
  plans23): one legend phrase (列/排/排名 第一位/首位/第一个 的/者 为 牵头[或汇总]单位, after
  除标注…外), 各县<市、区> kept, 国企 units, a labelled list's odd name kept and said, one
  numbered task with two units brackets one task, a task number that lost its dot flagged:
  11/17 -> 17/17.

- real_heldout17 (the seventeenth blind batch, plans17: 12 plans of other government work — five
  国务院/国办 documents as HTML fragments of an SQL dump, a 517 KB saved page whose 附件2 任务分工表
  holds the items, a table run into one line; its README): blind 50/149 (13 silent) on the lead's
  main; dev data from stop 31. Stop 31: a page laid out in one table cell read as text (the
  issuer's 国务院 / date no deadline), 1.2009年底前 numbers, 责任单位及责任人 and 主要领导, the
  legend after 负责 in its bracket, 等和各…, an opening 总体要求 part of aims, 由X副市长负责,Y牵头
  opening the text, an annex task table with 序号 merged over rows, 第一责任单位 a lead column
  (12, a table run into one line, 7/10, every row flagged): 50/149 (13 silent) -> 146/149
  (none).

- real_heldout18 (the eighteenth blind batch, plans18: 9 pages of the 平潭 portal from a crawler's
  archive, each page one line after its header lines, two of them 政务公开 plans, and a 国办 HTML
  fragment cut inside its table cell; its README): blind 56/119 (2 silent) on the lead's main;
  dev data from stop 31 (helper plans25): a task opening with its deadline keeps its number
  (headers.AFTER_NUMBER, one rule with real_heldout17's 1.2009年底前), numbered paragraphs after
  spaces cut a short one-line page, a breadcrumb line going on after a sentence is the page's
  body, a fragment's open cell is read, A、B会同C: 56/119 (2 silent) -> 85/119 (none).

- Stop 32 (helper plans27): two conventions settled — numbers a plan restarts under each part
  are numbered in order through it (a task number is unique in a plan; real_heldout18 02,
  real_heldout19 01/03/08 aligned) and collectives kept as written (real_dev2 11's 各乡镇<街道>,
  as real_heldout12 06's 各乡镇(街道)); real_heldout19 09 and 01 completed past the 20 tasks their
  collector stopped at (136 -> 151 items). Rules: the first-leads legend orders bare lists only,
  and goes with its units after a bracket's deadline; a part of a task led by another unit
  (…由X牵头) flagged; one task-number rule (headers.AFTER_NUMBER) for every reader; duty
  paragraphs headed by a unit and a colon ((一)区X局：负责…); a part heading's introducing
  sentence no part of the section; a unitless plan numbering its parts apart takes its 主要任务
  part; a site byline only on a short line; parts whose headings are the tasks. real_heldout18
  85 -> 95/119, real_heldout19 38/136
  (3 silent) -> 115/151 (none).

- real_heldout21 (plans21: 10 plans of the 平潭 portal archive, 6 政务公开 plans and 4 other task
  splits, four typed as Word/Excel specs; its README): blind 50/129 (19 silently wrong) on
  b9e211d and on bd277e7; dev data from stop 32 (helper plans30). A 序号 and task cell merged over
  rows of different units and dates (Word/Excel repeat them) is one task, the later rows' units
  more of it, the first date kept, flagged (02: 0 -> 6/6); a header printed twice side by side
  is two tables, the left half's rows read before the right's, warned (05: 0 -> 26/26); places
  counted before the kind of body (海坛、苏平、金井、君山四个片区管理局) one collective when the
  count fits; a notice's annex list closing its one line (附件：1.《…》2.…, no sentence after)
  no task — 04 and 06, notices whose untitled or titled points are the tasks, are now refused
  with the importer's message instead of reading that list as tasks with the points lost; a
  header naming people (牵头领导, 责任单位负责人) a note column (07: 0 -> 7/15): 50/129 (19
  silent) -> 89/129 (none). Still wrong: 01 (a run-on table, units not read, every row
  flagged), 04/06/10 refused, 07's 牵头单位：/配合单位： labels inside cells, 09's dates and
  sub-point brackets.

- real_heldout22 (plans22: 2 real plans by blind author plans-author23, 福建 2016 实施意见 with
  （X牵头，A、B负责） brackets and 平潭 2019 海关十二条 task split; its README): blind 18/31 (1
  silently wrong) on b9e211d and on e8c459f; dev data from stop 33 (helper plans31). A part's
  numeral glued to a deadline label's value (…完成时限：2019年底三、) starts the part; labels run
  together with nothing between them (牵头单位：X配合单位：Y实施单位：Z完成时限：W) are cut before
  each; parts that are each one task (一、title sentence。text。labels), two or more in a plan
  numbering nothing under its parts, are tasks under their title; 牵头推进单位 a lead label
  (real_heldout21 10: 0 -> 3/4, its four sections given their printed 。): 18/31 (1 silent) ->
  27/31 (none). 02 #11/#12 (常态化实施, read as the year's end as the collection reads ongoing
  tasks; the author left the date empty) aligned by the lead to the docstring's ongoing
  convention, settled then: 29/31. Still wrong, flagged: 02 #10 (4月前), 01 #12.
  Then real_heldout21 07: a units cell of label lines, each label's names on the lines after
  it (牵头单位：\nX\n配合单位：\nY\nZ), one label a line with its names: 7 -> 12/15; 09: a
  sentence opening on a year before the plan's (。2015年第四轮督查发现…) is history, no
  deadline: 19 -> 23/24; 01: a table run into one line whose cells kept their spaces, units
  before the requirement (1.… 政策法规处 局办公室 要制定…), the first units cell leading under
  a 牵头单位 and a 责任单位 column: 0 -> 14/14; two bodies' names run together in a units cell
  (…局区规划局) cut in two, said (07: 13/15); real_heldout21 89 -> 116/129 (none silent).

- real_heldout23 (plans23: 9 real task splits of the 平潭 archive by blind author
  plans-author24, none a 政务公开 plan; its README): blind 137/141 (none silently wrong) on
  e8c459f and on 98a9b43; dev data from stop 34 (helper plans32). A page's line break inside a
  unit's name (各片区管理 局) joined when the part before it ends on no organ; a units list
  running into the plan's closing sentence (…各村（居）请各有关部门…认真履职) cut before 请,
  said; a task opening on its year then 完成 (2023年，完成…) due that year's end, flagged:
  137 -> 140/141. Still wrong, flagged: 05 #5 (确保2023年…实现“双增长”, read as the year's
  end by the rule real_dev5 07's collector settled on the same sentence; this author left it
  empty as a goal — the two collectors differ, left for the lead to settle).
  Then real_heldout19 02: its file cut where its expectation stops (the collector's 20 rows,
  said in .source; a convention, not a gain), and a table run into one line with no numbers
  whose rows each close on their units cell (…。区X局牵头，A、B…) read row by row
  (runon_led.py): 0 -> 20/20, real_heldout19 126 -> 146/151; a bracket of numbers after a unit
  (区社会事业局（4）: the points it answers for) no part of its name: real_heldout21 09 23 -> 24/24;
  a collective closing a units list, the closing paragraph run on after it (…区相关部门积极推进…),
  kept and the paragraph cut off, said: real_heldout7 05 27 -> 28/28.
- real_heldout24 (plans24: 10 real task splits of the 平潭 archive's 2022 部门文件 by blind author
  plans-author25, two typed as Word specs; its README): blind 116/135 (1 silently wrong) on
  354c174; dev data from stop 34 (helper plans33). A （N） paragraph naming no units, with no
  numbered task under it, closing a part whose tasks are closed by their units, is one of
  that part's tasks, flagged, no longer dropped (10 #10): 117/135 (none silent). A Word
  table whose 序号 counts 1, 2, 3 down one merged 考核项目 cell numbers tasks: a 序号 merged
  over rows is one task (its rows' units all of it, the first row's 节点任务 date), the 1. 2.
  points of its 细则 cells its points (08: 0 -> 4/6): 121/135. In a plan numbering each part
  apart, the parts before the one headed as its tasks (三、工作任务及分工), naming no units while
  every paragraph from there on names its own, are no tasks (02's nine risk situations, 1.具体
  情形 2.整改措施 each): left out, said, the tasks numbered from 1 (02: 0 -> 6/6): 127/135.
  A campaign run from now to a stated end in a task's text (即日起至12月底开展…) is due at that
  end, flagged (10 #1): 128/135. A sentence of dated steps in a task's text (7月底前提出方案，
  10月底前完成; 9月底前落地，年底前入统) is due at its last step, unless its first date is the
  completion (6月底前编制完成…，年底前各村要…): 04 #16 (129/135), and real_dev4 03 #6
  (164 -> 165/173) and real_heldout6 03 #25 (250 -> 251/251) with it. A task merged over
  rows each naming its own units and roles (A配合B落实 / 各处室 / 政法综治处负责): each row read on
  its own, the task's leads and supports all of theirs in order (01 #6, #10): 131/135. A
  quarter in a task's text before which it is done (于2022年三季度前落地) is its deadline, read
  as a deadline cell's (before the quarter begins, flagged; 04 #22): 132/135.
  Still wrong, flagged: 04 #25
  (平潭金融港, no organ's name ending: left in the note), 08 #4 (staged timings with 持续跟进 read
  as ongoing; the author did not) and 08 #6 (2-3月，3月前: 03-31, the author 02-28).
- real_heldout25 (plans25: 10 real task splits of the 平潭 archive (2021 and 2023 部门文件) by blind
  author plans-author26, three typed as Word specs; its README): blind 73/119 (1 silently wrong:
  07 #8, 片区 unflagged) on 0e8a479; dev data from stop 34 (helper plans34). A bare place or
  level as a unit (片区, 乡镇; not 各X, nor 村居) flagged as naming no office (07 #8): 74/119, none
  silent. A 备注 column holding a year only (2021年) is due at that year's end, flagged, as a
  完成时限 cell holding a year only (09: 0 -> 20/20). Run-on: a part titled by its dates only
  (二、工作时限2023年5月25日-12月31日) ends at the next part's glued numeral, and a short part title
  run into its opening sentence (三、工作重点根据…，) is cut from it (01: 0 -> 11/13): 105/119.
  Still wrong, flagged: 01 #4/#13 (牵头处室/配合单位 run together), 03 #4/#18, 07/08 frequencies
  (每季度（9月18日、12月18日）, 每年) read as dates, 10 (units before each task) — not reached.
- real_heldout26 (plans26: 3 real task splits of the 平潭 archive's 2020 部门文件 by blind author
  plans-author27, one typed as a Word spec; its README): blind 14/33 (15 silently wrong: 01's first
  part, printed ―、 and itself a task, was missed, so every later task was read one place early) on
  3487352's reader; dev data from stop 35 (lead). A part numeral printed as a dash before the first
  二、 is read as 一、, warned; a units bracket with a remark after a comma (X，以下各项工作均需…，
  不再一一列出) names X only; tasks numbered in order after a part whose paragraph, closed by a
  bracket, no task took are flagged (a missed task there would shift their numbers); a part title
  run into an opening on 坚持 is cut after a label's noun (四、职能分工坚持…, 02: 0 -> 3/3); a date
  to start by (年底前启动) is flagged as no completion. 01 #1's section is compared as 一、 and 11
  items' restart-only flags were set false by the docstring's conventions (counted apart): 32/33.
  Still wrong, flagged: 01 #10 (its bracket lacks its opening （ on the page).
- Stop 36 settled two conventions in corpus_score's docstring and corrected what they touch
  (counted apart): a frequency as the 完成时限 (每季度, 每年) is ongoing, due at its last date or
  the year's end (real_heldout25 07/08, five items); 确保2023年…实现 is that year's end, flagged
  (real_heldout23 05 #5, as real_dev5 07 reads it); and 12月之前 reads as 12月前 (real_heldout8
  02 #3/#4). A 任务分工 part of duty paragraphs opening on their units and a colon (X牵头负责，Y、
  村(社区)配合：…) is read (real_heldout25 10: 0 -> 5/5).
- real_heldout27 (plans27: 9 real task splits of the 平潭 archive's 2020 documents by blind author
  plans-author28, none a 政务公开 plan and none a Word/Excel table; its README): blind 72/119 with
  5 silently wrong on 30d2d65; dev data from stop 36 (lead). A part closed by a units label on a
  line of its own is a task, under its part when other parts hold （一） tasks (02 0 -> 6/6, 03
  4 -> 18/18); a part titled by a label alone is cut from the paragraph run into it (二、主要任务
  推动…: 05 0 -> 9/10); 责任处室（单位）： is a units label (06 4 -> 15/15); M月之前 reads as M月前;
  a group whose last task alone names its units gives them to the group's other tasks, flagged,
  in a plan whose other groups name each task's (07 13 -> 16/16); a units list closing on a
  bracketed collective ends at the next part's numeral, even a numeral repeated by a slip (01
  #15). 116/119. Still wrong, flagged: 01 #1/#2 (辖区内各司法所和派出所 read as two units, the
  author kept one), 05 #6 (到2022年基本消除… a target year by the author; read so, three other
  plans' 到YYYY年 goals would be dates, so left as no deadline).
- Stop 37 settled both: 到YYYY年 is that year's end, flagged, when YYYY is the plan's year (as
  real_heldout7 08 #11's author read 到2023年，实现… in a 2023 plan), a goal when later (as nine
  other plans read 到2018/2020/2022/2025年); real_heldout27 05 #6 (到2022年 in a 2020 plan) and
  real_heldout17 11 #1 (到2023年底达到30% in a 2023 plan) were corrected to it, counted apart. A
  各 after a place qualifier covers a bare kind joined by 和 (辖区内各司法所和派出所: one
  collective, real_heldout27 01 #1/#2, as 各处室和单位 already was). real_heldout27: 119/119.
  Two offices run together (经济发展处交通与建设处) are cut, said (real_heldout25 03 #4); a
  bracket set off by spaces, a run-on page's line breaks, closes its sentence (03 #18: 一是…。
  (X、Y按职责分工负责) 二是…: the first bracket's units were lost). real_heldout25: 117/119.
- real_heldout29 and real_heldout31 (plans29: 8 task splits of the 平潭 archive's 2019–2020
  documents, 68 items, two Word specs, by blind author plans-author29; plans31: 8, 110 items,
  one a 政务公开 plan, two Word specs, by plans-author31; their READMEs): blind 38/68 with 4
  silently wrong and 57/110 with 11, both on 0b35dc3; dev data from stop 37 (lead). A plan's
  closing （一）s after its last units bracket (四、工作要求, no units) no longer keep its groups
  of bracketed tasks from being cut (29 01: 0 -> 12/12); a sub-task （1） after a title closing
  on a space (1.加强产地环境保护 （1）…) opens a run-on sub-task (31 08: 2 -> 20/20, 31 05: 7 ->
  12/13). 50/68 and 80/110, none silently wrong. Still wrong, flagged: 29 03 (labels and
  two-stage dates), 07 (a 、/， list), 08 (persons as units, 立整立改); 31 04 and 07 (Word
  tables: a part cell merged down the first column, two unit columns; quarter cells merged
  over their tasks), 31 02 (牵头单位：责任单位：配合单位： run together).
- real_heldout34 (plans34, stop 38: 7 task splits of the 平潭 archive, 121 items, by blind author
  plans-author34): blind 115/121 with 4 silently wrong on 06fdc73; read by the lead from stop
  38; dev data from stop 40 at 116/121, none silently wrong (three missing tasks the warnings
  name). real_heldout42 (plans42, stop 40: 4 departments' 政务公开 plans from stored web pages,
  25 items, by blind author helper-180): blind 16/25, none silently wrong, on 2dea4cb; dev data
  at once at 18/25 (helpers a comma cuts from their 配合 keep their place). Still wrong, flagged:
  42 02 (a five-level indicator table, one cell per line, its units cells not read), 42 04 #3
  (X牵头，Y配合 run on after a sentence with no bracket).
- real_heldout36 and real_heldout40 (plans36, stop 38: 7 task splits of the 平潭 archive, 114
  items, a Word and an Excel spec, by plans-author36; plans40, stop 39: 6 of its 管委会
  documents, 81 items, a Word and an Excel spec, by helper-178): blind 12/114 with 21 silently
  wrong on 804e477 and 50/81 with 2 on 5582254; read by the lead from stops 38 and 39; dev data
  from stop 40 at 82/117 (three stages added to 04's expectation when the stage convention was
  settled) and 75/81, none silently wrong. 36 02 (a notice whose 30-row annex table ran into one
  line with people's names in it) is refused with the run-on table message. Still wrong,
  flagged: 36 03 (labels restart), 36 01 #7/#12 (a 全年 / 常年 schedule line read as ongoing
  or not), 40 02/05/06 (a task's two brackets, a list of 配合 names cut).
- real_heldout43 (plans43, stop 41: 7 task splits of the 平潭 archive (2015–2016 管委会 documents,
  one a Word spec), 155 items, by blind author helper-181 from a public repository's copy of the
  archive): blind 94/155 with 35 silently wrong on 16e1424 (34 of them 02's units: the legend
  under its table, 第一个为牵头单位, was not read); read by the lead from stop 41 and dev data at
  once at 149/155, none silently wrong (the legend, a （一） group's introduced points as one
  task, a bracket closed by 〉). Still wrong, flagged, all deadlines: 01 #21, 06 #7 and 07 #3
  (a year's end in the task's text not read), 05 #2 (2018年前 read in the plan's year), 07 #7
  (a month in the text), 07 #12 (每年4月底前 not read as ongoing).

Each row is what the batch reaches today: floors that keep it from getting worse, not targets.
Unit names are compared in simplified characters (see corpus_score._same_script).
What is still wrong, every item flagged: real_heldout4 10 and 11 (document-sharing previews:
a scrambled vertical cell, cells glued with no separator; every task kept, units left to the
user) and 13 (two brackets its collector keeps as one task, as real_dev2 08); the run-on
tables' last rows whose lists run on past the shared one or whose names hold quotes;
real_dev2 08 (二), whose two brackets its collector
keeps as one task (the heldout3 collectors cut such paragraphs, as the importer now does);
real_heldout2 01 #5 (a requirement cell read into the units cell of a cell stream);
real_heldout3 26 (10月中旬 read as the 20th, flagged; its collector leaves it empty).
"""

import pytest

from gongkai.plans.tests.corpus_score import CORPUS, plans, score

# batch: (plans, items, at least right, at most silently wrong)
BATCHES = {
    "real_dev": (32, 146, 146, 0),
    "real_dev2": (32, 65, 63, 0),
    "real_heldout2": (6, 32, 32, 0),
    "real_heldout3": (28, 83, 83, 0),
    "real_heldout4": (19, 52, 44, 0),
    "real_heldout5": (10, 26, 26, 0),
    "real_dev3": (4, 119, 117, 0),
    "real_heldout6": (6, 251, 251, 0),
    "real_dev4": (5, 173, 165, 0),
    "real_heldout7": (5, 86, 83, 0),
    "real_dev5": (6, 73, 73, 0),
    "real_heldout8": (5, 61, 61, 0),
    "real_heldout9": (10, 27, 27, 0),
    "real_heldout10": (15, 43, 43, 0),
    "real_heldout12": (7, 19, 19, 0),
    "real_heldout13": (12, 26, 26, 0),
    "real_heldout14": (16, 63, 56, 0),
    "real_heldout15": (21, 55, 55, 0),
    "real_heldout16": (5, 17, 17, 0),
    "real_heldout17": (12, 149, 149, 0),
    "real_heldout18": (10, 119, 117, 0),
    "real_heldout19": (10, 151, 146, 0),
    "real_heldout21": (10, 129, 117, 0),
    "real_heldout22": (2, 31, 29, 0),
    "real_heldout23": (9, 141, 141, 0),
    "real_heldout24": (10, 135, 132, 0),
    "real_heldout25": (10, 119, 117, 0),
    "real_heldout26": (3, 33, 32, 0),
    "real_heldout27": (9, 119, 119, 0),
    "real_heldout29": (8, 68, 50, 0),
    "real_heldout31": (8, 110, 80, 0),
    "real_heldout34": (7, 121, 116, 0),
    "real_heldout42": (4, 25, 18, 0),
    "real_heldout36": (7, 117, 82, 0),
    "real_heldout40": (6, 81, 75, 0),
    "real_heldout43": (7, 155, 149, 0),
}
# Batches scored blind, whose plans the importer may refuse with its message.
BLIND = {
    "real_heldout4",
    "real_heldout5",
    "real_heldout6",
    "real_dev4",
    "real_heldout7",
    "real_heldout8",
    "real_heldout10",
    "real_heldout14",
    "real_heldout15",
    "real_heldout16",
    "real_heldout17",
    "real_heldout18",
    "real_heldout19",
    "real_heldout21",
    "real_heldout22",
    "real_heldout23",
    "real_heldout24",
    "real_heldout25",
    "real_heldout26",
    "real_heldout27",
    "real_heldout36",
}
ALL_PLANS = [(batch, plan) for batch in BATCHES for plan in plans(CORPUS.parent / batch)]


@pytest.mark.parametrize("batch", BATCHES)
def test_a_batch_of_real_plans_scores_no_worse_than_it_does_today(batch):
    count, items, right, silent = BATCHES[batch]
    scores = [score(*plan) for plan in plans(CORPUS.parent / batch)]
    wrong = "\n".join(w for s in scores for w in s.wrong)
    assert (len(scores), sum(s.total for s in scores)) == (count, items)
    assert sum(s.right for s in scores) >= right, wrong
    assert sum(len(s.silent) for s in scores) <= silent, wrong


@pytest.mark.parametrize("batch, plan", ALL_PLANS, ids=[f"{b}/{p[0]}" for b, p in ALL_PLANS])
def test_each_real_plan_parses_without_hanging(batch, plan):
    # A hang guard; speed is in bench/. Every plan of the dev batches gives tasks.
    result = score(*plan)
    assert result.seconds < 5.0
    assert not result.error or batch in BLIND, result.error


def test_the_scorer_takes_a_unit_name_in_either_script_and_nothing_else_as_the_same():
    from gongkai.plans.importers import ParsedItem, ParsedPlan

    def parsed(lead):
        item = ParsedItem(
            number=1, section="一、認真落實", lead_units=lead, flags=["未填写完成时限"]
        )
        return lambda: ParsedPlan(title="", year=2016, items=[item])

    want = {"n": 1, "section": "一、認真落實", "lead": ["區編辦"], "support": []}
    expected = {"year": 2016, "layout": "", "items": [{**want, "due": None, "ongoing": False}]}
    assert score("p", b"", "p.txt", expected, parse=parsed(["区编办"])).right == 1
    assert score("p", b"", "p.txt", expected, parse=parsed(["区编委"])).right == 0


@pytest.mark.parametrize(
    "warning, silent, told",
    [
        ("原文在第2项中途截断（页面不完整），该项只有半截，未导入，请对照原文补上", [], [2]),
        ("原文第1项之后还有编号为2、3的段落，未读作任务（可能漏读），请对照原文核对", [], [2]),
        ("原文约有2处注明责任单位，读出的任务只用到1处：可能有任务漏读", [2], []),
        ("原文在第12项中途截断（页面不完整）", [2], []),
    ],
)
def test_a_missing_task_counts_as_flagged_only_when_a_warning_names_it(warning, silent, told):
    from gongkai.plans.importers import ParsedItem, ParsedPlan

    item = ParsedItem(number=1, section="", lead_units=["办公室"], flags=["未填写完成时限"])
    plan = ParsedPlan(title="", year=2020, items=[item], warnings=[warning])
    want = {"section": "", "lead": ["办公室"], "support": [], "due": None, "ongoing": False}
    expected = {"year": 2020, "layout": "", "items": [{**want, "n": 1}, {**want, "n": 2}]}
    result = score("p", b"", "p.txt", expected, parse=lambda: plan)
    assert (result.right, result.silent, result.told) == (1, silent, told)
    assert result.silent_strict == [2]
