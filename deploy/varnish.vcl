vcl 4.1;
# The front cache in front of the application servers (gunicorn), for scripts/front-cache
# and for production. It keeps what the application marks `Cache-Control: public` (pages
# for anonymous visitors, static files) and drops it on Wagtail's BAN (home.caching:
# every content change bans "/", the whole cache) or PURGE (one URL).
#
# The backend: one application server here (scripts/front-cache rewrites its host and
# port from FRONT_CACHE_BACKEND); with several, a director over them. PURGE and BAN are
# accepted from the local network only (acl purgers).

import std;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

acl purgers {
    "127.0.0.1";
    "::1";
    "10.0.0.0"/8;
    "172.16.0.0"/12;
    "192.168.0.0"/16;
}

sub vcl_recv {
    if (req.method == "PURGE" || req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (req.method == "BAN") {
            # Every host: the content generation is site-wide, as the application's is.
            ban("obj.http.x-url ~ ^" + std.querysort(req.url));
            return (synth(200, "Banned"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The admin, logged-in editors, visitors with messages: always the application.
    if (req.url ~ "^/(admin|django-admin)/" || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Pages for anonymous visitors do not depend on their other cookies (csrftoken...),
    # except where the language comes from the request rather than the path.
    if (req.url ~ "^/(fr|en|static|media)/") {
        unset req.http.Cookie;
    }
    set req.url = std.querysort(req.url);
    return (hash);
}

sub vcl_backend_response {
    # Remember the URL on the object, so that bans can be evaluated by the ban lurker.
    set beresp.http.x-url = bereq.url;
    # Keep only what the application declared shareable; never a response setting a cookie.
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control !~ "public") {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-url;
    if (obj.hits > 0) {
        set resp.http.X-Front-Cache = "hit";
    } else {
        set resp.http.X-Front-Cache = "miss";
    }
}
