# 公开页面的界面文字。每个键在 en、zh-Hans、zh-Hant 中都必须存在（有测试检查）。

site-name = Pavilion 展馆
site-description = 市场上的各地区展馆：参展公司，以及他们推向海外的电影和剧集。
nav-market = 市场
nav-main = 主菜单
nav-sign-in = 登录
skip-to-content = 跳到正文
lang-switch = 语言
lang-en = English
lang-zh-hans = 简体中文
lang-zh-hant = 繁體中文
footer-api = 开发者 API
next-page = 下一页
in-other-language = 以其他语言显示：尚无译文。

home-title = 市场上的展馆
home-intro = 浏览各地区展馆、参展公司，以及他们向海外发行的电影和剧集。
home-empty = 目前还没有开放的展馆。
count-companies = { $count } 家公司
count-works = { $count } 部作品

pavilion-host = 主办单位
pavilion-booth = 展位
pavilion-contact = 联系方式
pavilion-companies = 参展公司
pavilion-no-companies = 本展馆尚未发布任何公司。

company-type = 类型
company-website = 网站
company-city = 城市
company-booth = 展位
company-languages = 工作语言
company-contacts = 联系人
company-works = 作品
company-no-works = 该公司尚未发布任何作品。
company-logo = { $name } 的标志

work-original-title = 原名
work-kind = 类型
work-status = 制作状态
work-genres = 题材
work-year = 年份
work-runtime = { $minutes } 分钟
work-episodes = 共 { $episodes } 集
work-episode-runtime = 共 { $episodes } 集 × { $minutes } 分钟
work-synopsis = 简介
work-directors = 导演
work-cast = 主演
work-languages = 语言
work-festivals = 电影节与奖项
work-trailer = 观看预告片
work-poster = 《{ $title }》海报
work-rights = 可售版权
work-rights-territory = 地区
work-rights-media = 媒介
work-no-rights = 版权事宜请联系该公司。
work-by = 出品：{ $company }

not-found-title = 找不到页面
not-found-text = 此页面不存在，或尚未发布。
not-found-home = 返回市场

kind-feature = 故事片
kind-series = 剧集
kind-documentary = 纪录片
kind-animation = 动画
kind-short = 短片
kind-format = 节目模式

status-development = 开发中
status-production = 拍摄中
status-post_production = 后期制作中
status-completed = 已完成

genre-action = 动作
genre-adventure = 冒险
genre-biography = 传记
genre-comedy = 喜剧
genre-costume = 古装
genre-crime = 犯罪
genre-documentary = 纪实
genre-drama = 剧情
genre-family = 家庭
genre-fantasy = 奇幻
genre-food = 美食
genre-history = 历史
genre-horror = 恐怖
genre-kids = 少儿
genre-music = 音乐
genre-mystery = 悬疑推理
genre-nature = 自然
genre-romance = 爱情
genre-science_fiction = 科幻
genre-sports = 体育
genre-suspense = 悬念
genre-thriller = 惊悚
genre-travel = 旅行
genre-urban = 都市
genre-war = 战争
genre-wuxia = 武侠
genre-youth = 青春

medium-theatrical = 院线
medium-non_theatrical = 非院线
medium-free_tv = 免费电视
medium-pay_tv = 付费电视
medium-svod = 订阅流媒体（SVOD）
medium-avod = 广告流媒体（AVOD）
medium-tvod = 按次付费流媒体（TVOD）
medium-home_video = 家庭影像
medium-airline = 航空
medium-remake = 翻拍权
medium-format = 模式版权

region-WW = 全球
region-ASIA = 亚洲
region-EUROPE = 欧洲
region-NORTH_AMERICA = 北美
region-LATIN_AMERICA = 拉丁美洲
region-MENA = 中东和北非
region-AFRICA = 非洲
region-OCEANIA = 大洋洲
region-GREATER_CHINA = 大中华区

company-type-production = 制作
company-type-distribution = 发行
company-type-sales_agent = 销售代理
company-type-post_production = 后期制作
company-type-animation = 动画
company-type-streaming = 流媒体
company-type-broadcaster = 电视台
company-type-vfx = 视觉特效
company-type-other = 其他

language-en = 英语
language-zh = 中文（普通话）
language-yue = 粤语
language-ja = 日语
language-ko = 韩语
language-fr = 法语
language-de = 德语
language-es = 西班牙语
language-pt = 葡萄牙语
language-it = 意大利语
language-ru = 俄语
language-ar = 阿拉伯语
language-hi = 印地语
language-th = 泰语
language-vi = 越南语
language-id = 印度尼西亚语
language-ms = 马来语
language-nan = 闽南语
language-wuu = 吴语（上海话）

nav-directory = 名录
first-page = 第一页
directory-title = 搜索名录
directory-description = 按片名、类型、语言或版权可售地区，搜索市场上各展馆的电影、剧集和公司。
directory-intro = 各展馆的电影、剧集和公司，三种语言皆可搜索。
directory-show = 搜索范围
directory-works = 作品
directory-companies = 公司
directory-q = 搜索词
directory-pavilion = 展馆
directory-any-pavilion = 所有展馆
directory-any = 不限
directory-company-type = 公司类型
directory-kind = 作品类别
directory-genre = 题材
directory-status = 制作状态
directory-language = 语言
directory-territory = 版权可售地区
directory-search = 搜索
directory-pages = 更多结果
directory-found-works = { $count ->
    [0] 没有符合条件的作品。
   *[other] 共有 { $count } 部作品符合条件。
}
directory-found-companies = { $count ->
    [0] 没有符合条件的公司。
   *[other] 共有 { $count } 家公司符合条件。
}
directory-many-works = 超过 { $count } 部作品符合条件；请添加搜索词或筛选条件以缩小范围。
directory-many-companies = 超过 { $count } 家公司符合条件；请添加搜索词或筛选条件以缩小范围。
directory-refused = 无法执行此搜索；请查看标出的字段。
directory-invalid-choice = 这不是可选项之一；请从列表中选择。
directory-invalid-page = 这一页结果已不存在；请重新搜索。
