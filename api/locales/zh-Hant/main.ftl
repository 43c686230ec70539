# 公開頁面的介面文字。每個鍵在 en、zh-Hans、zh-Hant 中都必須存在（有測試檢查）。

site-name = Pavilion 展館
site-description = 市場上的各地區展館：參展公司，以及他們推向海外的電影和劇集。
nav-market = 市場
nav-main = 主選單
nav-sign-in = 登入
skip-to-content = 跳到正文
lang-switch = 語言
lang-en = English
lang-zh-hans = 简体中文
lang-zh-hant = 繁體中文
footer-api = 開發者 API
next-page = 下一頁
in-other-language = 以其他語言顯示：尚無譯文。

home-title = 市場上的展館
home-intro = 瀏覽各地區展館、參展公司，以及他們向海外發行的電影和劇集。
home-empty = 目前還沒有開放的展館。
count-companies = { $count } 家公司
count-works = { $count } 部作品

pavilion-host = 主辦單位
pavilion-booth = 展位
pavilion-contact = 聯絡方式
pavilion-companies = 參展公司
pavilion-no-companies = 本展館尚未發佈任何公司。

company-type = 類型
company-website = 網站
company-city = 城市
company-booth = 展位
company-languages = 工作語言
company-contacts = 聯絡人
company-works = 作品
company-no-works = 該公司尚未發佈任何作品。
company-logo = { $name } 的標誌

work-original-title = 原名
work-kind = 類型
work-status = 製作狀態
work-genres = 題材
work-year = 年份
work-runtime = { $minutes } 分鐘
work-episodes = 共 { $episodes } 集
work-episode-runtime = 共 { $episodes } 集 × { $minutes } 分鐘
work-synopsis = 簡介
work-directors = 導演
work-cast = 主演
work-languages = 語言
work-festivals = 電影節與獎項
work-trailer = 觀看預告片
work-poster = 《{ $title }》海報
work-rights = 可售版權
work-rights-territory = 地區
work-rights-media = 媒介
work-no-rights = 版權事宜請聯絡該公司。
work-by = 出品：{ $company }

not-found-title = 找不到頁面
not-found-text = 此頁面不存在，或尚未發佈。
not-found-home = 返回市場

kind-feature = 劇情長片
kind-series = 劇集
kind-documentary = 紀錄片
kind-animation = 動畫
kind-short = 短片
kind-format = 節目模式

status-development = 開發中
status-production = 拍攝中
status-post_production = 後期製作中
status-completed = 已完成

genre-action = 動作
genre-adventure = 冒險
genre-biography = 傳記
genre-comedy = 喜劇
genre-costume = 古裝
genre-crime = 犯罪
genre-documentary = 紀實
genre-drama = 劇情
genre-family = 家庭
genre-fantasy = 奇幻
genre-food = 美食
genre-history = 歷史
genre-horror = 恐怖
genre-kids = 兒童
genre-music = 音樂
genre-mystery = 懸疑推理
genre-nature = 自然
genre-romance = 愛情
genre-science_fiction = 科幻
genre-sports = 體育
genre-suspense = 懸念
genre-thriller = 驚悚
genre-travel = 旅行
genre-urban = 都市
genre-war = 戰爭
genre-wuxia = 武俠
genre-youth = 青春

medium-theatrical = 院線
medium-non_theatrical = 非院線
medium-free_tv = 免費電視
medium-pay_tv = 付費電視
medium-svod = 訂閱串流（SVOD）
medium-avod = 廣告串流（AVOD）
medium-tvod = 按次付費串流（TVOD）
medium-home_video = 家用影音
medium-airline = 航空
medium-remake = 翻拍權
medium-format = 模式版權

region-WW = 全球
region-ASIA = 亞洲
region-EUROPE = 歐洲
region-NORTH_AMERICA = 北美
region-LATIN_AMERICA = 拉丁美洲
region-MENA = 中東和北非
region-AFRICA = 非洲
region-OCEANIA = 大洋洲
region-GREATER_CHINA = 大中華區

company-type-production = 製作
company-type-distribution = 發行
company-type-sales_agent = 銷售代理
company-type-post_production = 後期製作
company-type-animation = 動畫
company-type-streaming = 串流平台
company-type-broadcaster = 電視台
company-type-vfx = 視覺特效
company-type-other = 其他

language-en = 英語
language-zh = 中文（普通話）
language-yue = 粵語
language-ja = 日語
language-ko = 韓語
language-fr = 法語
language-de = 德語
language-es = 西班牙語
language-pt = 葡萄牙語
language-it = 義大利語
language-ru = 俄語
language-ar = 阿拉伯語
language-hi = 印地語
language-th = 泰語
language-vi = 越南語
language-id = 印尼語
language-ms = 馬來語
language-nan = 閩南語
language-wuu = 吳語（上海話）

nav-directory = 名錄
first-page = 第一頁
directory-title = 搜尋名錄
directory-description = 依片名、類型、語言或版權可售地區，搜尋市場上各展館的電影、劇集和公司。
directory-intro = 各展館的電影、劇集和公司，三種語言皆可搜尋。
directory-show = 搜尋範圍
directory-works = 作品
directory-companies = 公司
directory-q = 搜尋字詞
directory-pavilion = 展館
directory-any-pavilion = 所有展館
directory-any = 不限
directory-company-type = 公司類型
directory-kind = 作品類別
directory-genre = 題材
directory-status = 製作狀態
directory-language = 語言
directory-territory = 版權可售地區
directory-search = 搜尋
directory-pages = 更多結果
directory-found-works = { $count ->
    [0] 沒有符合條件的作品。
   *[other] 共有 { $count } 部作品符合條件。
}
directory-found-companies = { $count ->
    [0] 沒有符合條件的公司。
   *[other] 共有 { $count } 家公司符合條件。
}
directory-many-works = 超過 { $count } 部作品符合條件；請加入搜尋字詞或篩選條件以縮小範圍。
directory-many-companies = 超過 { $count } 家公司符合條件；請加入搜尋字詞或篩選條件以縮小範圍。
directory-refused = 無法執行此搜尋；請查看標示的欄位。
directory-invalid-choice = 這不是可選項之一；請從清單中選擇。
directory-invalid-page = 這一頁結果已不存在；請重新搜尋。
