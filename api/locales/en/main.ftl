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

# Signing in, accounts and the links in emails.
nav-sign-out = Sign out
field-email = Email address
field-password = Password
field-name = Your name
field-locale = Language of emails and pages
field-current-password = Current password
field-new-password = New password
field-new-password-hint = At least { $min } characters. A few unrelated words make a strong password that is easy to remember.
error-required = Fill this in.
error-invalid = This value is not accepted.
error-wrong-code = That is not the code your app shows now. Check the time on your phone, wait for the next code and try again.
error-invalid-email = Enter an email address such as name@example.com.
error-invalid-characters = Use a single line of ordinary text.
error-too-long = This is too long.
error-wrong-password = This is not your current password.
error-password-too-short = Use at least { $min } characters.
error-password-too-long = Use at most { $max } characters.
error-password-too-weak = This password is too easy to guess. A few unrelated words make a good one.
rate-limited-seconds = { $count ->
    [one] Too many attempts. Please wait 1 second and try again.
   *[other] Too many attempts. Please wait { $count } seconds and try again.
}
rate-limited-minutes = { $count ->
    [one] Too many attempts. Please wait 1 minute and try again.
   *[other] Too many attempts. Please wait { $count } minutes and try again.
}
form-refused-title = This form could not be accepted
form-refused-text = It did not come from this site's own page, or the page was open too long. Nothing was changed. Open the page again and send the form from there.
form-refused-again = Open the page again
form-too-large-title = This form is too long to send
form-too-large-text = Together its texts are larger than the { $size } this site accepts at once, so nothing was saved. Go back in your browser: what you typed is still in the form. Shorten the longest texts, or save them in parts, and send it again.
form-too-large-back = Back to the page
forbidden-title = Not for this account
forbidden-text = You are signed in, but this page is for other accounts. Nothing was changed.
sign-in-title = Sign in
sign-in-organisers = Market organisers
sign-in-organisers-intro = The market organiser's staff sign in here.
sign-in-pavilion = Sign in to { $pavilion }
sign-in-pavilion-intro = For the pavilion's staff and its exhibitors.
sign-in-pavilions = Exhibitors and pavilion staff
sign-in-pavilions-text = Sign in at your pavilion's page:
sign-in-submit = Sign in
sign-in-forgot = Forgot your password?
sign-in-wrong = The email address or the password is not right, or this account cannot sign in here.
sign-in-busy = Too many people are signing in at this moment. Please try again in a few seconds.
forgot-title = Forgot your password: market organisers
forgot-title-pavilion = Forgot your password: { $pavilion }
forgot-intro = Enter the address you sign in with. If it has an account here, we will email it a link to choose a new password. The link works for one hour.
forgot-submit = Email me a link
forgot-back = Back to sign-in
forgot-pavilions-text = Ask at your pavilion's page:
forgot-sent = If { $email } has an account here, a link to choose a new password is on its way.
forgot-sent-next = The link works for one hour, and only the latest link works. Nothing arrived? Check your spam folder, or ask again in a few minutes.
invite-title = Join { $pavilion }
invite-intro = You have been invited to Pavilion. Choose your name and a password to create your account; you will be signed in straight away.
invite-submit = Create my account
reset-title = Choose a new password
reset-intro = Choose a new password for your account. You will be signed in, and every other session of your account will end.
reset-submit = Save and sign in
link-sign-in = Go to sign-in
link-ask-again = Ask for a new link
link-invitation-used-title = This invitation was already accepted
link-invitation-used-text = The account it created exists: sign in with the password you chose. Forgotten it? Use "Forgot your password?" on your pavilion's sign-in page.
link-invitation-revoked-title = This invitation was withdrawn
link-invitation-revoked-text = It was withdrawn, or replaced by a newer invitation. Use the link in the latest invitation email, or ask the pavilion's team to invite you again.
link-invitation-expired-title = This invitation has expired
link-invitation-expired-text = Invitations work for a limited time. Ask the pavilion's team to send you a new one.
link-invitation-has-account-title = You already have an account here
link-invitation-has-account-text = This address already has an account in this pavilion: sign in with it.
link-invitation-unknown-title = This invitation link does not work
link-invitation-unknown-text = Check that you opened the whole link from the email. If it still does not work, ask the pavilion's team to invite you again.
link-reset-used-title = This link was already used
link-reset-used-text = Each link sets a password once. If you did not change your password, ask for a new link.
link-reset-replaced-title = A newer link was sent
link-reset-replaced-text = Only the link in the latest email works. Use that one, or ask for a new link.
link-reset-expired-title = This link has expired
link-reset-expired-text = Links to choose a new password work for one hour. Ask for a new one.
link-reset-unknown-title = This link does not work
link-reset-unknown-text = Check that you opened the whole link from the email, or ask for a new one.
workspace-heading = Welcome, { $name }
workspace-name = Name
workspace-email = Email address
workspace-role = Role
workspace-pavilion = Pavilion
workspace-organiser-text = You oversee every pavilion of the market.
workspace-admin-text = You run { $pavilion }: its companies, their reviews and its emails.
workspace-exhibitor-text = You keep your company's profile and catalogue up to date in { $pavilion }.
workspace-buyer-text = You buy works at the market: your profile, your shortlist, and the works that fit what you buy.
workspace-account-link = Your account: name, language, password and sessions
workspace-public-pavilion = Your pavilion's public page
workspace-market = The market's public pages
role-organiser = Market organiser
role-pavilion_admin = Pavilion administrator
role-exhibitor = Exhibitor
role-buyer = Buyer
account-title = Your account
account-profile = Name and language
account-save = Save
account-saved = Your name and language are saved.
account-password = Password
account-password-text = Changing your password signs out every other session of your account; this one stays signed in.
account-change-password = Change password
account-password-changed = Your password is changed. Every other session of your account was signed out.
account-password-conflict = Your password was changed elsewhere in the meantime. Enter the current one and try again.
account-sessions = Where you are signed in
account-sessions-text = Every browser and app signed in to your account. Sign out any you do not recognise, then change your password.
account-session-ended = That session is signed out.
session-device = { $browser } on { $system }
session-unknown-device = Unknown device
session-device-column = Device
session-kind = Kind
session-kind-browser = Browser
session-kind-api = App or API
session-address = Address
session-started = Signed in
session-last-used = Last used
session-actions = Actions
session-this = this browser
session-end = Sign out
server-error-title = Something went wrong on our side
server-error-text = This page could not be shown. The problem has been logged; please try again in a moment.
unavailable-title = Pavilion is busy
unavailable-text = The site cannot answer at this moment. Please try again in a few seconds.
pavilion-sign-in = Exhibitors and staff of this pavilion: sign in
accounts-title = Accounts of { $pavilion }
accounts-back = Back to your workspace
accounts-intro = Everyone who can sign in to this pavilion. A disabled account is signed out at once and can be enabled again. Nobody can change their own account, and the pavilion always keeps one enabled administrator.
accounts-state = State
accounts-change = Change
accounts-you = you
accounts-company = Company (for an exhibitor)
accounts-no-company = No company
accounts-apply-role = Change role
accounts-changed = The account is changed.
accounts-refused = Choose what to change.
accounts-gone = This account is not in this pavilion (any more).
accounts-conflict = Not done: nobody can change their own account, and the pavilion must keep at least one enabled administrator.
accounts-pick-company = An exhibitor belongs to one company: choose it.
accounts-enabled = Enabled
accounts-disabled = Disabled
accounts-enable = Enable again
accounts-disable = Disable
workspace-accounts-link = Accounts of { $pavilion }
workspace-pavilions = Pavilions
invitations-title = Invitations to { $pavilion }
invitations-new = Invite someone
invitations-new-text = A colleague as an administrator, or a company's staff as its exhibitors. They receive an email with a link to choose their name and password; the link works for { $hours } hours.
invitations-send = Send the invitation
invitations-locale = Language of the email
invitations-open = Open invitations
invitations-none = No invitation is waiting for an answer.
invitations-sent = Sent
invitations-expires = Expires
invitations-resend = Send again
invitations-withdraw = Withdraw
invitations-done-sent = The invitation is on its way; an earlier link to the same address no longer works.
invitations-done-withdrawn = The invitation is withdrawn; its link no longer works.
invitations-refused = The invitation was not sent; see the marked fields.
invitations-has-account = This address already has an account in this pavilion.
invitations-gone = This invitation is no longer open.
workspace-invitations-link = Invitations to { $pavilion }

## A company's workspace
company-tabs = Company pages
company-tab-home = Overview
company-tab-profile = Profile
company-tab-works = Works
company-tab-preview = Preview
company-not-yours-title = Not your company
company-not-yours-text = You can read this company's public page, but only its own accounts and its pavilion's admins can change it.
company-home-title = { $name }: overview
company-state = Where it stands
status-draft = Draft
status-submitted = Waiting for review
status-changes_requested = Changes requested
status-approved = Approved
status-draft-company = Not submitted yet. When the profile and works are ready, submit them for review.
status-submitted-company = Your pavilion is reviewing this profile. An edit now takes it out of review until you submit again.
status-changes_requested-company = Your pavilion asked for changes. Make them, then submit again.
status-approved-company = Approved: the public sees this profile. Edits reach the public after the next approval.
status-draft-pavilion = The company has not submitted its profile.
status-submitted-pavilion = Submitted: it waits for your review below.
status-changes_requested-pavilion = Sent back to the company with your comment; it will submit again.
status-approved-pavilion = Approved and published.
company-review-comment = The reviewer's comment
deadline-ahead = Profiles close on { $date } ({ $left } left).
deadline-passed = Profiles closed on { $date }: the forms are read-only.
deadline-unlocked = Profiles closed on { $date }, but this company was unlocked until its next approval.
time-days = { $count ->
    [one] 1 day
   *[other] { $count } days
}
time-hours = { $count ->
    [one] 1 hour
   *[other] { $count } hours
}
time-minutes = { $count ->
    [one] 1 minute
   *[other] { $count } minutes
}
locked-ask = Only { $pavilion }'s admins can unlock it.
locked-ask-at = Only { $pavilion }'s admins can unlock it: write to { $email }.
company-locked = The deadline for profiles has passed, so this company's accounts cannot change it now.
company-unlock = Unlock for the company
company-completeness = Completeness
company-score = Completeness score
checklist-done = done
checklist-missing = missing
completeness-name = Company name in English, Simplified and Traditional Chinese
completeness-description = Description in all three languages
completeness-company_type = Company type
completeness-website = Website
completeness-city = City
completeness-logo = Logo
completeness-public_contact = A public contact
completeness-languages = Working languages
completeness-works = At least one work
company-submit-heading = Submit for review
company-submit-what = { $works ->
    [one] The pavilion will review the profile and its 1 work.
   *[other] The pavilion will review the profile and its { $works } works.
}
company-changed-since = Changed since the last publication:
company-submit = Submit for review
company-done-submitted = Submitted. Your pavilion's admins have been told by email.
company-done-approved = Approved: the public page now shows this profile.
company-done-changes-requested = Sent back with your comment; the company's accounts have been told by email.
company-done-unlocked = Unlocked: the company can edit until its next approval.
submit-not-now = This profile is already waiting for review, or nothing changed since its approval.
review-heading = Review
review-first-time = Nothing of this company has been published yet: everything is new.
review-read-preview = Read the profile as the public will see it
review-approve-text = Approving publishes this profile and its works as they are now.
review-approve = Approve and publish
review-comment = What should change
review-request-changes = Ask for changes
review-stale = The company changed its profile after you opened this page. Read it again below before you approve.
review-not-submitted = Only a submitted profile can be reviewed; this one is not waiting for review.
review-comment-needed = Say what should change.
profile-field-name = Company name
profile-field-description = Description
profile-field-company_type = Company type
profile-field-website = Website
profile-field-city = City
profile-field-booth = Booth
profile-field-languages = Working languages
profile-field-contacts = Contacts
profile-field-logo = Logo
profile-field-works = Works
profile-title = { $name }: profile
profile-heading = Profile
profile-type-none = Not chosen
profile-other-languages = Other languages
profile-other-languages-hint = ISO 639 codes separated by commas, such as nl, sv.
profile-contacts-hint = Public contacts appear on the company's page; the others only your pavilion sees. Leave the empty contact blank to add none.
profile-save = Save profile
profile-done-saved = Saved. Submit for review when the profile is ready.
profile-done-logo = The new logo is saved.
profile-done-logo-removed = The logo is removed.
contact-legend = Contact { $number }
contact-new = New contact
contact-name = Name
contact-title = Position
contact-email = Email
contact-phone = Phone
contact-public = Show on the public page
contact-remove = Remove this contact
field-empty = (empty)
form-has-errors = Some fields need attention; each is marked below.
fill-from-traditional = Fill from Traditional
fill-from-simplified = Fill from Simplified
fill-suggested = Converted from the other script: read it, correct it, then save.
fill-done = The text was converted from the other script. Nothing is saved until you save.
fill-nothing-simplified = Write the Simplified Chinese text first; it is converted from there.
fill-nothing-traditional = Write the Traditional Chinese text first; it is converted from there.
fill-unknown = That field cannot be converted.
phrasing-label = Traditional Chinese usage
phrasing-hint = The words a conversion uses: Taiwan's or Hong Kong's.
phrasing-tw = Taiwan
phrasing-hk = Hong Kong
conflict-merged = Someone else saved this profile while you were editing ({ $fields }). Their changes are now in the form with yours; nothing is saved yet. Check, then save again.
conflict-both = Someone else saved this profile while you were editing ({ $fields }), and changed some fields you changed too: their value is shown under each of them. Your text is kept in the form; nothing is saved yet. Choose, then save again.
conflict-theirs = Saved meanwhile by someone else:
unsaved-warning = You have changes that are not saved.
logo-none = No logo yet.
logo-choose = Image file
logo-hint = PNG, JPEG or WebP, at most { $max } KiB. Square images look best.
logo-upload = Upload logo
logo-remove = Remove logo
logo-missing = Choose an image file first.
upload-progress = Upload progress
upload-too-large = The file is too large: at most { $max } KiB.
upload-wrong-type = Choose a PNG, JPEG or WebP image.
upload-unreadable = The image could not be read, or is larger than 8192 pixels a side.
upload-storage-full = This company's images fill its storage. Replaced images are removed at the next approval.
upload-too-many = Too many uploads in a row. Try again in { $seconds } seconds.
upload-broken = The upload broke off. Try again.
preview-title = { $name }: preview
preview-text = A preview: the company's page as the public will see it once this version is approved. Private contacts are not shown.
works-title = { $name }: works
works-heading = Catalogue
works-add = Add a work
works-none = No works yet. Add the films and series you are selling.
works-details = Details
works-poster = Poster
works-poster-yes = Yes
works-poster-no = Not yet
works-territories = { $count ->
    [one] 1 territory
   *[other] { $count } territories
}
works-too-many = A catalogue holds at most 500 works.
work-delete = Delete
work-delete-confirm = Delete this work? This cannot be undone.
work-delete-stale = Someone changed this work after this list was shown; it is not deleted. Look at it again first.
work-done-deleted = The work is deleted.
work-done-created = The work is added. Add its poster below.
work-done-saved = Saved.
work-done-poster = The new poster is saved.
work-new-title = New work
work-edit-title = Edit “{ $title }”
work-save = Save work
work-one-per-line = One per line.
rights-hint = One territory per row: type a country or a region (Worldwide, Asia, Greater China…) and choose it from the list, then tick the media whose rights are available there. Leave a row empty to add nothing; empty a territory to remove its row.
poster-none = No poster yet.
poster-upload = Upload poster
poster-hint = PNG, JPEG or WebP, at most { $max } KiB. Portrait posters (2:3) look best.
work-field-title = Title
work-field-synopsis = Synopsis
work-field-original_title = Original title
work-field-kind = Kind
work-field-production_status = Production status
work-field-genres = Genres
work-field-languages = Languages
work-field-year = Year
work-field-runtime_minutes = Running time
work-field-runtime = Running time (minutes, films)
work-field-episodes = Episodes (series)
work-field-episode_minutes = Episode length
work-field-episode-minutes = Episode length (minutes)
work-field-trailer_url = Trailer
work-field-trailer = Trailer address
work-field-directors = Directors
work-field-cast = Cast
work-field-festivals = Festivals and awards
work-field-rights = Rights
workspace-company-link = Your company: review state and what is missing
workspace-company-profile-link = Edit the company profile
workspace-company-works-link = Your catalogue of works
review-nothing-changed = Nothing changed since the last publication.
review-changes = Changed since the last publication
review-field = Field
review-before = Published
review-after = Submitted now
review-logo-set = A logo
review-contact-public = public
review-contact-private = private
review-works = { $count ->
    [one] 1 work
   *[other] { $count } works
}
companies-title = Companies of { $pavilion }
companies-views = Views of the companies
companies-needs-review = { $count ->
    [0] Needs my review
    [one] Needs my review (1)
   *[other] Needs my review ({ $count })
}
companies-all = All companies
companies-filter-state = Review state
companies-filter-completeness = Completeness
companies-any-state = Any state
companies-any-completeness = Any completeness
companies-band-complete = Complete (100%)
companies-band-incomplete = Not complete
companies-band-under-half = Under half
companies-filter = Show
companies-none-waiting = No company is waiting for review.
companies-none = No company matches these filters.
companies-company = Company
companies-changed = Last change
companies-add = Add a company
companies-add-text = Its contact receives an invitation by email to set a password and fill the profile.
companies-contact-email = Contact's email
companies-contact-hint = Optional: you can invite the company's people later from the invitations page.
companies-contact-taken = This address already has an account in this pavilion.
companies-add-button = Add the company
company-done-created = The company is added; its contact has been invited by email.
workspace-companies-link = Companies of { $pavilion } and their reviews
settings-title = Settings of { $pavilion }
settings-name = Pavilion name
settings-region = Region (city or province)
settings-host_association = Host association
settings-description = Description
settings-email_footer = Footer of the pavilion's emails
settings-location = Hall and booth
settings-contact_email = Contact address (shown to companies that need help)
settings-logo_url = Logo address
settings-logo-hint = An https:// address of the pavilion's logo, used in its emails.
settings-sender_name = Sender name of its emails
settings-reply_to = Reply-to address of its emails
settings-profile_deadline = Deadline for company profiles (in the pavilion's time zone)
settings-deadline-hint = After it, companies cannot change their profiles until you unlock them. Leave empty for no deadline.
settings-time_zone = Time zone
settings-time-zone-hint = The pavilion's time zone, by its IANA name: Asia/Shanghai, Asia/Hong_Kong, Asia/Taipei, Europe/Paris. The deadline is read and told in it, in reminders too.
settings-reminder_days = Reminders (days before the deadline)
settings-reminder-days-hint = Companies that have not submitted, or whose profile is incomplete, are emailed what is missing this many days before the deadline; you get a summary. Separate with commas, such as 14, 3; leave empty for no reminders.
settings-reminder-days-invalid = Give whole numbers of days between 1 and 90, at most six, separated by commas, such as 14, 3.
error-invalid-time-zone = Give a time zone by its IANA name, such as Asia/Shanghai.
settings-deadline-invalid = Give a date and time, such as 2027-03-01 18:00.
settings-brand_color = Brand colour
settings-contrast = Contrast with white text: { $ratio }:1.
settings-contrast-template = Contrast with white text: {"{"}ratio{"}"}:1.
settings-contrast-pass = Readable (at least 4.5:1).
settings-contrast-fail = Too light for white text (needs 4.5:1): choose a darker colour.
settings-save = Save settings
settings-done-saved = The settings are saved.
settings-done-test-email = A test email is on its way to you, from the pavilion's email identity. The delivery log shows when it is sent.
settings-test-heading = Test the pavilion's emails
settings-test-text = Sends you an email with the pavilion's sender name, reply-to address and footer.
settings-test-button = Send me a test email
workspace-settings-link = Settings of { $pavilion }
deliveries-title = Emails of { $pavilion }
deliveries-intro = Every email the pavilion sent or is sending, newest first. A failed one can be sent again; the new message appears at the top.
deliveries-filter-status = State
deliveries-any-status = Any state
deliveries-none = No email in this view.
deliveries-queued = Queued
deliveries-sent-at = sent { $at }
deliveries-kind = Email
deliveries-recipient = To
deliveries-status = State
deliveries-attempts = Attempts
deliveries-last-error = Last error
deliveries-resend = Send again
deliveries-resent = Queued again: the new message is at the top.
deliveries-cannot-resend = This email cannot be sent again (its link was one-time, or it is still being sent).
email-status-pending = Waiting
email-status-sending = Sending
email-status-sent = Sent
email-status-failed = Failed
email-kind-test_message = Test message
email-kind-invitation = Invitation
email-kind-password_reset = Password reset
email-kind-password_changed = Password changed
email-kind-second_factor_changed = Second factor changed
email-kind-exhibitor_submitted = Profile submitted
email-kind-exhibitor_approved = Profile approved
email-kind-changes_requested = Changes requested
email-kind-announcement = Announcement
email-kind-deadline_reminder = Deadline reminder
email-kind-reminder_digest = Reminders sent (summary)
audit-title = Activity of { $pavilion }
audit-filter-action = What
audit-any-action = Anything
audit-since = From (day)
audit-until = Until (day)
audit-none = Nothing recorded in this view.
audit-when = When
audit-what = What
audit-who = Who
audit-target = On
audit-actor-organiser = The market's organiser
audit-action-login_succeeded = Signed in
audit-action-login_failed = Sign-in failed
audit-action-invitation_sent = Invitation sent
audit-action-invitation_accepted = Invitation accepted
audit-action-invitation_revoked = Invitation withdrawn
audit-action-password_reset_requested = Password reset asked for
audit-action-password_reset_completed = Password reset
audit-action-password_changed = Password changed
audit-action-user_disabled = Account disabled
audit-action-user_enabled = Account enabled again
audit-action-role_changed = Role changed
audit-action-pavilion_created = Pavilion created
audit-action-pavilion_updated = Pavilion settings changed
audit-action-exhibitor_created = Company added
audit-action-exhibitor_submitted = Profile submitted
audit-action-exhibitor_approved = Profile approved
audit-action-exhibitor_changes_requested = Changes requested
audit-action-exhibitor_unlocked = Company unlocked
audit-action-exhibitors_imported = Companies imported from a file
audit-action-announcement_sent = Announcement sent
audit-action-reminders_sent = Deadline reminders sent
audit-action-second_factor_added = Second factor added
audit-action-second_factor_removed = Second factor removed
audit-action-second_factor_failed = Wrong sign-in code
audit-action-recovery_code_used = Recovery code used
audit-action-recovery_codes_renewed = Recovery codes renewed
audit-action-second_factor_reset = Second factor removed for its owner
workspace-emails-link = Emails of { $pavilion }
workspace-audit-link = Activity of { $pavilion }
pavilions-title = Pavilions of the market
pavilions-none = No pavilion yet.
pavilions-members = { $count ->
    [one] 1 account
   *[other] { $count } accounts
}
pavilions-activate = Activate (make public)
pavilions-archive = Archive
pavilions-reopen = Reopen
pavilions-move-refused = That change of status is not possible: a public pavilion never returns to draft.
pavilions-done-created = The pavilion is created as a draft: only you and its admins see it. Invite its admins from its invitations page.
pavilions-done-active = The pavilion is public.
pavilions-done-archived = The pavilion is archived: hidden from the public, kept for the record.
pavilions-create = Create a pavilion
pavilions-create-text = A new pavilion starts as a draft; its admins fill in the rest from its settings.
pavilions-slug = Address name
pavilions-slug-hint = 2 to 40 lower-case letters, digits and hyphens, such as hangzhou. It appears in the pavilion's addresses and cannot change once it is public.
pavilions-slug-taken = A pavilion already has this address name.
pavilions-create-button = Create the pavilion
pavilion-status-draft = Draft
pavilion-status-active = Public
pavilion-status-archived = Archived
pavilion-tab-companies = Companies
pavilion-tab-invitations = Invitations
pavilion-tab-accounts = Accounts
pavilion-tab-settings = Settings
pavilion-tab-emails = Emails
pavilion-tab-audit = Activity
pavilion-tabs = Pages of the pavilion
workspace-pavilions-link = Every pavilion: their pages, status, and creating one
company-back-to-companies = Back to the pavilion's companies
pavilion-tab-overview = Overview
workspace-overview-link = { $pavilion } at a glance: companies, reviews, mail
workspace-market-link = The market at a glance: every pavilion's readiness
market-title = The market at a glance
market-lead = Every pavilion's companies by review state, how complete their profiles are, the reviews waiting and the mail. Pavilions whose deadline is less than 14 days away (or past) with companies not yet approved are marked late.
market-pavilions = Pavilions
market-sort-hint = Choose a column heading to sort by it; choose it again to reverse.
market-showing = Pavilions { $first }–{ $last } of { $total }.
market-pages = Pages of the table
market-col-pavilion = Pavilion
market-col-companies = Companies
market-col-approved = Approved
market-col-waiting = Waiting for review
market-col-changes = Changes requested
market-col-draft = Draft
market-col-median = Median completeness
market-col-complete = Complete (100%)
market-col-works = Works (published / all)
market-col-emails = Emails (pending / failed, 7 days)
market-col-activity = Last activity
market-col-deadline = Profile deadline
market-total-pavilions = Pavilions
market-never = never
market-no-deadline = none set
market-no-companies = no companies
market-late = late
market-oldest-days = { $days ->
    [0] the oldest since today
    [one] the oldest for 1 day
   *[other] the oldest for { $days } days
}
market-works-value = { $published } / { $all }
market-emails-value = { $pending } / { $failed }
market-companies-count = { $count ->
    [one] 1 company
   *[other] { $count } companies
}
market-chart-states-title = Companies by review state
market-chart-states-description = { $count ->
    [one] One bar for the pavilion in the table above, split into approved, waiting for review, changes requested and draft; the bar's length is its number of companies.
   *[other] One bar for each of the { $count } pavilions in the table above, in its order, split into approved, waiting for review, changes requested and draft; a bar's length is its number of companies.
}
market-chart-states-table = The table above gives the same numbers.
market-chart-completeness-title = How complete the profiles are
market-chart-completeness-description = { $total } companies by completeness in steps of ten percent; the median is { $median }, and { $complete } are complete.
market-completeness-table = Companies by completeness
market-band = Completeness
pavilion-status = Status
pavilion-home-title = { $pavilion }: overview
pavilion-home-todo = To do
pavilion-home-failed-emails = { $count ->
    [one] 1 email could not be delivered in the last 7 days
   *[other] { $count } emails could not be delivered in the last 7 days
}
pavilion-home-unfinished = { $count ->
    [one] 1 company is not approved yet
   *[other] { $count } companies are not approved yet
}
pavilion-home-states-description = { $count ->
    [one] The pavilion's 1 company, by review state.
   *[other] The pavilion's { $count } companies, split into approved, waiting for review, changes requested and draft.
}
market-sort-by = Sort by
market-sort-order = Order
market-sort-asc = ascending
market-sort-desc = descending
market-sort = Sort
export-heading = Download as a spreadsheet
export-text = One row per company or work, a column for each language. The published copy is what the public sees; the working copy includes what companies are still editing and their private contacts.
export-dataset = What
export-dataset-exhibitors = Companies
export-dataset-works = Works
export-version = Which copy
export-version-published = Published
export-version-working = Working (being edited)
export-format = Format
export-format-xlsx = Excel (.xlsx)
export-format-csv = CSV (UTF-8)
export-download = Download
companies-import-link = Or import a list of companies from a spreadsheet.
import-title = { $pavilion }: import companies
import-choose = Choose a file to check
import-again = Check another file
import-intro = A CSV file with the columns of an export: a row per company, at least a name column (name.en, name.zh-Hans or name.zh-Hant). Rows with an id change that company; rows without one match a company by its name or add a new one, whose contact_email is invited. Only the file's columns are changed. The file is checked first: nothing is written until you import.
import-template = Download your companies as a CSV to start from
import-file = CSV file (UTF-8; a GBK file from an older Excel is converted)
import-file-hint = At most 5,000 rows. In Excel: "Save as", then "CSV UTF-8 (Comma delimited)".
import-wrong-type = Choose a CSV file.
import-check = Check the file
import-report = What the import would do
import-summary = { $created } new, { $updated } changed, { $unchanged } unchanged, { $errors } with errors.
import-converted = The file was in { $encoding } and was converted to UTF-8.
import-ready = Nothing is wrong. Import to write these changes, all at once; new companies' contacts are invited by email.
import-button = Import: { $created } new, { $updated } changed
import-done = Imported: { $created } new, { $updated } changed. The new companies' contacts are invited by email.
import-no-file = Choose a file first.
import-line = Line
import-what = What happens
import-problems = Problems
import-action-create = new company
import-action-update = changed
import-action-unchanged = unchanged
import-action-error = error
import-file-not_utf8 = The file is not UTF-8 text. In Excel, save it as "CSV UTF-8 (Comma delimited)".
import-file-wrong_delimiter = The columns are separated by semicolons or tabs. Save the file as "CSV UTF-8 (Comma delimited)".
import-file-unknown_columns = The file has columns an export does not have.
import-file-duplicate_column = A column appears twice.
import-file-missing_columns = The file needs a column with the company's name: name.en, name.zh-Hans or name.zh-Hant.
import-file-too_many_rows = The file has more than 5,000 rows. Split it into smaller files.
import-file-empty = The file is empty: its first line must name the columns.
import-file-unreadable = A line of the file cannot be read.

## Announcements
pavilion-tab-announcements = Announcements
workspace-announcements-link = Announcements of { $pavilion }
workspace-market-announcements-link = Announcements to pavilions' admins and companies
pavilion-home-write = Send the companies an announcement
announcements-title = Announcements
announcements-pavilion-title = { $pavilion }: announcements
announcements-intro = Write to every pavilion or to chosen ones: to their admins, their companies, or both. It is sent from the market's address; each person receives it in their own language, or in the nearest one you wrote.
announcements-pavilion-intro = Write to the pavilion's companies, its admins, or both. It is sent in the pavilion's name; each person receives it in their own language, or in the nearest one you wrote.
announcements-write = Write an announcement
announcements-pavilions = Pavilions
announcements-every-pavilion = Every pavilion (not archived)
announcements-chosen-pavilions = Only those checked below
announcements-audience = To
announcements-audience-exhibitor = Companies (their accounts and invited contacts)
announcements-audience-pavilion_admin = Pavilion admins
announcements-to-exhibitor = Companies
announcements-to-pavilion_admin = Pavilion admins
announcements-subject = Subject
announcements-body = Message
announcements-languages-hint = Write the subject and the message in the same languages. A company invited but not yet signed up is written to at its invited address.
announcements-send = Send the announcement
announcements-done = { $count ->
    [one] Queued for { $count } person. Its delivery is counted below.
   *[other] Queued for { $count } people. Their delivery is counted below.
}
announcements-refused = The announcement was not sent; see what to change below.
announcements-sent = Sent announcements
announcements-none = No announcement has been sent yet.
announcements-older = Older announcements
announcements-col-when = Sent
announcements-col-subject = Subject
announcements-col-from = From
announcements-col-to = To
announcements-col-queued = Queued
announcements-col-sent = Delivered
announcements-col-failed = Failed
announcements-from-organiser = { $name } (organiser)
announcements-from-market = The organiser
announcements-reached = Recipients: { $people } · { $pavilions }
error-missing-translation = Write this language here too, as in the other field, or in neither.
error-no-recipients = Nobody there has this role yet: nothing was sent.
error-invalid-audience = Choose companies, pavilion admins, or both.

## Second factor at sign-in
second-factor-title = Enter your sign-in code
second-factor-intro = Your password is right. To finish signing in, enter the 6-digit code your authenticator app shows now.
second-factor-field = Code
second-factor-hint = The 6 digits from your app. Lost your phone? Enter one of your recovery codes instead.
second-factor-submit = Sign in
second-factor-wrong = That code is not right, or it was used already. Wait for the next code and try again.
second-factor-expired = This sign-in took too long. Please sign in again.

## Second factor on the account page
account-second-factor = Two-step sign-in
account-second-factor-off = Signing in asks for your password only. Add an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password, …) and signing in will also ask for the code it shows: a stolen password alone will not be enough.
account-second-factor-on = On: signing in asks for a code from your authenticator app.
account-recovery-codes-left = { $count ->
    [one] One recovery code left.
   *[other] { $count } recovery codes left.
}
account-authenticator-add = Add an authenticator app
account-authenticator-remove = Remove the authenticator app
account-recovery-codes-renew = New recovery codes
account-authenticator-removed = The authenticator app is removed. Signing in asks for your password only.
authenticator-title = Add an authenticator app
authenticator-step-scan = Open your authenticator app and scan this code.
authenticator-qr-label = QR code to scan with your authenticator app
authenticator-step-type = Cannot scan? Type this key into the app instead:
authenticator-step-confirm = Enter the 6-digit code the app now shows, to confirm it works.
authenticator-code = Code from the app
authenticator-code-hint = 6 digits; a new one every 30 seconds.
authenticator-confirm = Turn on two-step sign-in
authenticator-cancel = Not now
recovery-codes-title = Your recovery codes
recovery-codes-intro-new = Two-step sign-in is on. If you lose your phone, each of these codes signs you in once in place of the app's code.
recovery-codes-intro-renewed = Here are your new recovery codes. The old ones no longer work.
recovery-codes-keep = Keep them somewhere safe, away from your phone: print them or save them in your password manager. This page shows them only once.
recovery-codes-done = I have saved them
recovery-codes-gone-text = Recovery codes are shown only once, on the page that made them, and this site keeps no copy it could show again. If you did not save them, make new ones from your account page: the old ones then stop working.
recovery-codes-gone-back = Back to your account
account-second-factor-required = Your account must use two-step sign-in. Add an authenticator app below to continue.
settings-second-factor = Two-step sign-in
settings-second-factor-hint = Accounts it is required of must add an authenticator app before they can do anything else once signed in.
settings-second-factor-admins = Required of the pavilion's admins
settings-second-factor-exhibitors = Required of exhibitors
accounts-remove-second-factor = Remove two-step sign-in
accounts-second-factor-removed = The account's authenticator app is removed and its sessions are signed out. Its owner was emailed, and can sign in with their password and add a new app.

## Passkeys
account-passkeys = Passkeys
account-passkeys-text = A passkey signs you in with your phone, computer or security key, unlocked by your fingerprint, face or PIN: as the second step after your password, or on its own, with no password at all. It cannot be phished.
account-passkeys-none = No passkeys yet.
account-passkeys-add = Add a passkey
account-passkeys-unavailable = Passkeys work only when this site is reached by its domain name. Ask the people who run it.
account-passkey-added = The passkey is added. Signing in now asks for a second step after your password, and the passkey alone also signs you in.
account-passkey-renamed = The passkey is renamed.
account-passkey-removed = The passkey is removed.
passkey-name = Name
passkey-name-hint = So that you know which one it is: "Work laptop", "YubiKey", "Phone".
passkey-added-on = Added { $date }
passkey-last-used = last used { $date }
passkey-never-used = not used yet
passkey-rename = Rename
passkey-remove = Remove
passkey-remove-confirm = Remove this passkey? It will no longer sign you in.
passkey-new-title = Add a passkey
passkey-new-intro = Give the passkey a name, then choose "Create the passkey": your browser asks where to keep it (this device, your phone or a security key) and for your fingerprint, face or PIN.
passkey-new-submit = Create the passkey
passkey-cancel = Cancel
passkey-needs-script = Passkeys need JavaScript, which is off in this browser. Turn it on, or use an authenticator app instead.
passkey-unsupported = This browser cannot use passkeys. Try another browser, or use an authenticator app instead.
passkey-failed = No passkey was created: the request was cancelled or took too long. Try again.
passkey-sign-in-failed = Your device gave no passkey: the request was cancelled or took too long. Try again.
passkey-refused = The passkey could not be checked. Please try again.
passkey-expired = This took too long. Please try again.
passkey-already-added = This passkey is already added to your account.
second-factor-intro-passkey = Your password is right. To finish signing in, use your passkey.
second-factor-intro-either = Your password is right. To finish signing in, use your passkey, or enter the 6-digit code your authenticator app shows now.
second-factor-passkey = Use a passkey
second-factor-or-code = Or enter a code
second-factor-passkey-wrong = That passkey did not sign you in. Use a passkey of this account, or enter a code.
sign-in-passkey-or = Have a passkey for this site? No email or password needed.
sign-in-passkey = Sign in with a passkey
sign-in-passkey-title = Sign in with a passkey
sign-in-passkey-intro = Choose "Continue": your browser offers the passkeys you keep for this site, and asks for your fingerprint, face or PIN.
sign-in-passkey-submit = Continue
sign-in-passkey-wrong = That passkey does not sign in here. Use the passkey of your account on this page, or sign in with your email and password.
sign-in-passkey-back = Sign in with email and password instead
account-second-factor-passkeys-only = On: signing in asks for one of your passkeys after your password. You may also add an authenticator app, for when none of your passkeys' devices is at hand.
second-factor-title-passkey = Confirm it is you
recovery-codes-intro-passkey = The passkey is added, and two-step sign-in is on. If you lose the device it lives on, each of these codes signs you in once in place of the passkey.
second-factor-intro-passkey-or-recovery = Your password is right. To finish signing in, use your passkey; if it is not at hand, enter one of your recovery codes.
second-factor-recovery-field = Recovery code
second-factor-recovery-hint = One of the recovery codes you were given (abcde-fghjk). Each works once.
second-factor-or-recovery = Or use a recovery code
