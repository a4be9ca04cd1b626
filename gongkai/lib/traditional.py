"""Traditional characters (繁体) read as their simplified ones: one table, for the plan importer
(deadline_text.simplify: units, headings, labels of a plan written in traditional characters)
and the Q&A (search_text.simplified: a citizen's question).

hanziconv's table maps one character to one (positions in a text keep), but it also maps some
characters that simplified Chinese uses in their own right (糊 → 煳 in 模糊, 呼 → 唿 in 呼吁 and
呼和浩特, 著 → 着 in 显著, 矽 → 硅), so a pair is dropped when its traditional character is itself
in GB2312, the simplified character set; every other pair is taken (貧 → 贫, 績 → 绩, 樹 → 树,
豐 → 丰: real traditional characters that a filter by jieba's word frequencies dropped, since its
dictionary holds them too — 扶貧辦 came out 扶貧办). And the hand-checked pairs below, seen in
plans sent from Hong Kong / Macao / Taiwan templates or typed with a traditional input method.
"""

import functools

_TRADITIONAL = (
    "貫贯 長长 堅坚 續续 態态 動动 內内 處处 辦办 門门 單单 牽牵 頭头 責责 負负 聞闻 規规 審审 "
    "務务 屬属 關关 導导 領领 組组 機机 黨党 會会 實实 現现 資资 訊讯 網网 絡络 數数 體体 術术 "
    "發发 佈布 號号 見见 議议 類类 時时 間间 週周 個个 為为 開开 應应 協协 統统 籌筹 華华 國国 "
    "電电 話话 廣广 區区 縣县 鎮镇 鄉乡 點点 項项 報报 說说 對对 於于 從从 後后 並并 進进 達达 "
    "過过 還还 總总 結结 將将 專专 場场 醫医 療疗 學学 習习 書书 記记 讀读 請请 護护 衛卫 財财 "
    "稅税 價价 經经 濟济 業业 產产 農农 職职 員员 幹干 歲岁 億亿 萬万 與与 無无 當当 節节 衆众 "
    "眾众 層层 參参 館馆 隊队 聯联 絡络 務务 勵励 監监 評评 檢检 測测 調调 確确 "
    "盡尽 齊齐 歸归 檔档 錄录 處处 週周 終终 備备 註注 優优 質质 傳传 樣样 證证 權权 準准 "
    "則则 規规 劃划 預预 設设 舉举 紀纪 維维 穩稳 際际 區区 團团 庫库 車车 運运 輸输 鐵铁 "
    "環环 護护 葉叶 雙双 邊边 議议 審审 計计 執执 釋释 糾纠 紛纷 廳厅 標标 "
    "級级 輔辅 營营 災灾 險险 鄰邻 簡简 徑径 據据 異异 糧粮 費费 貸贷 貿贸 "
    "購购 賽赛 遷迁 選选 遞递 鋼钢 錢钱 陸陆 隨随 雜杂 難难 順顺 頒颁 題题 "
    "額额 風风 飛飞 養养 驗验 齡龄 龍龙 訂订 認认 討讨 訓训 訪访 許许 診诊 "
    "詢询 試试 該该 詳详 語语 誠诚 誤误 課课 論论 諮咨 識识 讓让 貢贡 貨货 "
    "賬账 賠赔 轉转 輕轻 載载 較较 輯辑 鐘钟 閉闭 問问 閱阅 闡阐 陳陈 隱隐 "
    "雲云 靈灵 頁页 須须 頻频 顧顾 顯显 飲饮 馬马 駐驻 鹽盐 勞劳 勢势 廠厂 "
    "廢废 張张 徵征 戶户 掃扫 擇择 擊击 攝摄 敗败 條条 棄弃 極极 樓楼 構构 "
    "樂乐 歡欢 歷历 殘残 氣气 決决 沒没 況况 溝沟 滅灭 漢汉 潔洁 濱滨 無无 "
    "煙烟 熱热 營营 爭争 獎奖 獨独 獲获 畢毕 畫画 盤盘 禮礼 種种 競竞 筆笔 "
    "築筑 範范 紙纸 約约 紅红 納纳 純纯 細细 給给 綜综 緊紧 線线 編编 練练 "
    "織织 繼继 罰罚 義义 習习 聲声 聽听 腦脑 臺台 興兴 舊旧 藝艺 藥药 蘇苏 "
    "蟲虫 補补 裝装 製制 複复 視视 親亲 覺觉 觀观 觸触 態态 辦办 業业 區区 "
    "衛卫 軍军 東东 車车 門门 韓韩 瀏浏 覽览 頻频 攬揽 擔担 懷怀 劃划 劑剂 "
    "嚴严 團团 圍围 圖图 壓压 壞坏 奪夺 婦妇 媽妈 孫孙 寫写 寬宽 對对 尋寻 "
    "屆届 嶺岭 幣币 幫帮 廬庐 彙汇 徑径 鏈链 鎮镇 錯错 鍵键 閘闸 閩闽 閣阁 "
    "闊阔 隊队 階阶 雖虽 雞鸡 離离 靜静 韋韦 頸颈 頃顷 飾饰 餘余"
)


def known_traditional() -> dict[str, str]:
    """The hand-checked pairs above: traditional → simplified."""
    return {
        pair[0]: pair[1] for pair in _TRADITIONAL.split() if len(pair) == 2 and pair[0] != pair[1]
    }


@functools.cache
def simplified_table() -> dict[int, str]:
    """The table for str.translate: hanziconv's pairs whose traditional character simplified
    Chinese does not use itself, and ours."""
    from hanziconv.charmap import simplified_charmap, traditional_charmap

    pairs = zip(traditional_charmap, simplified_charmap, strict=True)
    table = {t: s for t, s in pairs if t != s and not _in_gb2312(t)}
    return str.maketrans(table | known_traditional())


def _in_gb2312(character: str) -> bool:
    """A character of GB2312, the simplified character set: 糊, 呼, 著 (not 貧, 績)."""
    try:
        character.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def simplified(text: str) -> str:
    """`text` with the traditional characters we know in simplified form (one for one)."""
    return text.translate(simplified_table())
