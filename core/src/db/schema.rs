// Written to match migrations/sqlite (the two migration sets must agree; CI runs both).

diesel::table! {
    pavilions (id) {
        id -> Text,
        slug -> Text,
        name -> Text,
        region -> Text,
        host_association -> Text,
        description -> Text,
        location -> Nullable<Text>,
        contact_email -> Nullable<Text>,
        brand_color -> Nullable<Text>,
        logo_url -> Nullable<Text>,
        sender_name -> Nullable<Text>,
        reply_to -> Nullable<Text>,
        email_footer -> Text,
        profile_deadline -> Nullable<Timestamp>,
        status -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        reminder_days -> Text,
        time_zone -> Text,
        second_factor_admins -> Bool,
        second_factor_exhibitors -> Bool,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        pavilion_id -> Nullable<Text>,
        email -> Text,
        name -> Text,
        role -> Text,
        locale -> Text,
        password_hash -> Text,
        disabled_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        exhibitor_id -> Nullable<Text>,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        user_id -> Text,
        pavilion_id -> Nullable<Text>,
        refresh_token_hash -> Text,
        created_at -> Timestamp,
        last_used_at -> Timestamp,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        user_agent -> Nullable<Text>,
        ip -> Nullable<Text>,
        previous_refresh_token_hash -> Nullable<Text>,
        kind -> Text,
    }
}

diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(users -> pavilions (pavilion_id));

diesel::table! {
    outbox (id) {
        id -> Text,
        pavilion_id -> Nullable<Text>,
        kind -> Text,
        payload -> Text,
        recipient -> Text,
        recipient_name -> Nullable<Text>,
        locale -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        claimed_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        message_id -> Text,
        resend_of -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        announcement_id -> Nullable<Text>,
        waiting_for_server -> Bool,
    }
}

diesel::joinable!(outbox -> pavilions (pavilion_id));

diesel::table! {
    invitations (id) {
        id -> Text,
        pavilion_id -> Text,
        email -> Text,
        role -> Text,
        exhibitor_id -> Nullable<Text>,
        locale -> Text,
        token_hash -> Text,
        invited_by -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        accepted_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(invitations -> pavilions (pavilion_id));

diesel::table! {
    password_resets (id) {
        id -> Text,
        user_id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        replaced_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(password_resets -> users (user_id));

diesel::table! {
    audit_events (id) {
        id -> Text,
        pavilion_id -> Nullable<Text>,
        actor_id -> Nullable<Text>,
        action -> Text,
        target -> Nullable<Text>,
        ip -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    exhibitors (id) {
        id -> Text,
        pavilion_id -> Text,
        profile -> Text,
        status -> Text,
        version -> BigInt,
        completeness -> Integer,
        review_comment -> Nullable<Text>,
        edits_unlocked -> Bool,
        sort_name -> Text,
        submitted_at -> Nullable<Timestamp>,
        published_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(exhibitors -> pavilions (pavilion_id));

diesel::table! {
    works (id) {
        id -> Text,
        pavilion_id -> Text,
        exhibitor_id -> Text,
        data -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    published_exhibitors (pavilion_id, exhibitor_id) {
        pavilion_id -> Text,
        exhibitor_id -> Text,
        profile -> Text,
        company_type -> Nullable<Text>,
        sort_name -> Text,
        search_text -> Text,
        published_at -> Timestamp,
        search_bigrams -> Text,
    }
}

diesel::joinable!(published_exhibitors -> pavilions (pavilion_id));

diesel::table! {
    published_works (pavilion_id, work_id) {
        pavilion_id -> Text,
        work_id -> Text,
        exhibitor_id -> Text,
        data -> Text,
        kind -> Text,
        production_status -> Text,
        genres -> Text,
        languages -> Text,
        territories -> Text,
        search_text -> Text,
        published_at -> Timestamp,
        search_bigrams -> Text,
    }
}

diesel::joinable!(published_works -> pavilions (pavilion_id));

diesel::table! {
    announcements (id) {
        id -> Text,
        pavilion_id -> Nullable<Text>,
        author_id -> Nullable<Text>,
        subject -> Text,
        body -> Text,
        audience -> Text,
        pavilions -> Text,
        recipients -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    reminder_rounds (pavilion_id, deadline, offset_days) {
        pavilion_id -> Text,
        deadline -> Timestamp,
        offset_days -> Integer,
        ran_at -> Timestamp,
        reminded -> BigInt,
        superseded -> Bool,
    }
}

diesel::table! {
    throttle_counts (bucket, key_hash) {
        bucket -> Text,
        key_hash -> Text,
        attempts -> Integer,
        last_attempt -> Timestamp,
    }
}

diesel::table! {
    reminders (pavilion_id, exhibitor_id, deadline, offset_days) {
        pavilion_id -> Text,
        exhibitor_id -> Text,
        deadline -> Timestamp,
        offset_days -> Integer,
        sent_at -> Timestamp,
    }
}

diesel::table! {
    totp_factors (user_id) {
        user_id -> Text,
        sealed_secret -> Text,
        confirmed_at -> Nullable<Timestamp>,
        last_used_step -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    recovery_codes (user_id, code_hash) {
        user_id -> Text,
        code_hash -> Text,
        created_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    second_factor_challenges (token_hash) {
        token_hash -> Text,
        user_id -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        passkey_options -> Nullable<Text>,
        passkey_state -> Nullable<Text>,
    }
}

diesel::table! {
    passkeys (id) {
        id -> Text,
        user_id -> Text,
        name -> Text,
        credential_id -> Text,
        user_handle -> Text,
        credential -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    passkey_ceremonies (token_hash) {
        token_hash -> Text,
        purpose -> Text,
        user_id -> Nullable<Text>,
        sign_in_at -> Nullable<Text>,
        state -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    buyers (user_id) {
        user_id -> Text,
        status -> Text,
        company -> Text,
        company_type -> Text,
        country -> Text,
        territories -> Text,
        media -> Text,
        kinds -> Text,
        genres -> Text,
        website -> Nullable<Text>,
        refusal_reason -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    email_confirmations (token_hash) {
        token_hash -> Text,
        user_id -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(buyers -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    buyers,
    email_confirmations,
    reminder_rounds,
    reminders,
    announcements,
    pavilions,
    users,
    sessions,
    outbox,
    invitations,
    password_resets,
    audit_events,
    exhibitors,
    works,
    published_exhibitors,
    published_works,
    totp_factors,
    recovery_codes,
    second_factor_challenges,
    passkeys,
    passkey_ceremonies
);
