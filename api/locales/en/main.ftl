# Interface text of the public pages. Every key exists in en, zh-Hans and zh-Hant (a test checks).

site-name = Pavilion
site-description = The regional pavilions of the market: their companies, and the films and series they sell.
nav-market = Market
nav-main = Main
nav-sign-in = Sign in
skip-to-content = Skip to the content
lang-switch = Language
lang-en = English
lang-zh-hans = 简体中文
lang-zh-hant = 繁體中文
footer-api = API for developers
next-page = Next page
in-other-language = Shown in another language: no translation yet.

home-title = Pavilions at the market
home-intro = Browse the regional pavilions, their companies and the films and series they sell abroad.
home-empty = No pavilion is open yet.
count-companies = { $count ->
    [one] 1 company
   *[other] { $count } companies
}
count-works = { $count ->
    [one] 1 work
   *[other] { $count } works
}

pavilion-host = Hosted by
pavilion-booth = Booth
pavilion-contact = Contact
pavilion-companies = Companies
pavilion-no-companies = No company of this pavilion has been published yet.

company-type = Type
company-website = Website
company-city = City
company-booth = Booth
company-languages = Languages
company-contacts = Contacts
company-works = Works
company-no-works = No work of this company has been published yet.
company-logo = Logo of { $name }

work-original-title = Original title
work-kind = Kind
work-status = Production status
work-genres = Genres
work-year = Year
work-runtime = { $minutes } min
work-episodes = { $episodes } episodes
work-episode-runtime = { $episodes } episodes × { $minutes } min
work-synopsis = Synopsis
work-directors = Directed by
work-cast = Cast
work-languages = Languages
work-festivals = Festivals and awards
work-trailer = Watch the trailer
work-poster = Poster of { $title }
work-rights = Rights available
work-rights-territory = Territory
work-rights-media = Media
work-no-rights = Ask the company about rights.
work-by = By { $company }

not-found-title = Page not found
not-found-text = This page does not exist, or it is not published.
not-found-home = Back to the market

kind-feature = Feature film
kind-series = Series
kind-documentary = Documentary
kind-animation = Animation
kind-short = Short film
kind-format = Format

status-development = In development
status-production = In production
status-post_production = In post-production
status-completed = Completed

genre-action = Action
genre-adventure = Adventure
genre-biography = Biography
genre-comedy = Comedy
genre-costume = Costume drama
genre-crime = Crime
genre-documentary = Documentary
genre-drama = Drama
genre-family = Family
genre-fantasy = Fantasy
genre-food = Food
genre-history = History
genre-horror = Horror
genre-kids = Children
genre-music = Music
genre-mystery = Mystery
genre-nature = Nature
genre-romance = Romance
genre-science_fiction = Science fiction
genre-sports = Sports
genre-suspense = Suspense
genre-thriller = Thriller
genre-travel = Travel
genre-urban = Urban
genre-war = War
genre-wuxia = Wuxia (martial arts)
genre-youth = Youth

medium-theatrical = Theatrical
medium-non_theatrical = Non-theatrical
medium-free_tv = Free TV
medium-pay_tv = Pay TV
medium-svod = Subscription streaming (SVOD)
medium-avod = Ad-supported streaming (AVOD)
medium-tvod = Pay-per-view streaming (TVOD)
medium-home_video = Home video
medium-airline = Airline
medium-remake = Remake rights
medium-format = Format rights

region-WW = Worldwide
region-ASIA = Asia
region-EUROPE = Europe
region-NORTH_AMERICA = North America
region-LATIN_AMERICA = Latin America
region-MENA = Middle East and North Africa
region-AFRICA = Africa
region-OCEANIA = Oceania
region-GREATER_CHINA = Greater China

company-type-production = Production
company-type-distribution = Distribution
company-type-sales_agent = Sales agent
company-type-post_production = Post-production
company-type-animation = Animation
company-type-streaming = Streaming
company-type-broadcaster = Broadcaster
company-type-vfx = Visual effects
company-type-other = Other

language-en = English
language-zh = Chinese (Mandarin)
language-yue = Cantonese
language-ja = Japanese
language-ko = Korean
language-fr = French
language-de = German
language-es = Spanish
language-pt = Portuguese
language-it = Italian
language-ru = Russian
language-ar = Arabic
language-hi = Hindi
language-th = Thai
language-vi = Vietnamese
language-id = Indonesian
language-ms = Malay
language-nan = Hokkien
language-wuu = Wu (Shanghainese)

nav-directory = Directory
first-page = First page
directory-title = Search the directory
directory-description = Search the films, series and companies of every pavilion at the market, by title, genre, language or the territories where rights are available.
directory-intro = Films, series and companies of every pavilion, in any of the three languages.
directory-show = Search in
directory-works = Works
directory-companies = Companies
directory-q = Words to search for
directory-pavilion = Pavilion
directory-any-pavilion = All pavilions
directory-any = Any
directory-company-type = Company type
directory-kind = Kind of work
directory-genre = Genre
directory-status = Production status
directory-language = Language
directory-territory = Rights available in
directory-search = Search
directory-pages = More results
directory-found-works = { $count ->
    [0] No work matches this search.
    [one] 1 work matches this search.
   *[other] { $count } works match this search.
}
directory-found-companies = { $count ->
    [0] No company matches this search.
    [one] 1 company matches this search.
   *[other] { $count } companies match this search.
}
directory-many-works = More than { $count } works match this search; add words or filters to narrow it.
directory-many-companies = More than { $count } companies match this search; add words or filters to narrow it.
directory-refused = This search could not be run; see the marked field.
directory-invalid-choice = This is not one of the choices; pick one from the list.
directory-invalid-page = This page of results no longer exists; search again.
