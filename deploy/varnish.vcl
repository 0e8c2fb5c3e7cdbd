vcl 4.1;
# Varnish in front of newsreader: caches readers' pages, purged by surrogate keys.
#
# The app decides what may be cached and for how long (Cache-Control: public, s-maxage on
# readers' pages; private or no-store on everything else) and names what each page shows
# in an `xkey` header; a change purges those keys after it commits
# (newsreader/frontend_cache.py). This file only makes requests safe to share:
# one copy per page, whatever cookies, junk parameters or Host a client sends.
#
# Edit for your site: the backends, the hosts it answers for, and who may purge.
# Run: varnishd -a 127.0.0.1:6081 -a tls=127.0.0.1:6086,PROXY -f /etc/varnish/newsreader.vcl \
#   -s malloc,256m -s Transient=malloc,32m   (docs/deploy.md)

import std;
import var;
import xkey;

backend app {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

# The same app, probed: its health decides only how stale a cached page may be served
# (vcl_recv), never whether a reader's fetch is tried. Under a burst the probe queues
# behind readers on gunicorn's workers and may time out; were it the fetching backend's
# probe, every uncached page would then be refused ("backend sick") while the app was
# merely busy. A burst slows readers in gunicorn's bounded listen queue (--backlog)
# instead; an app that is really down refuses the connection, and that fails at once.
backend app_probed {
    .host = "127.0.0.1";
    .port = "8000";
    # Healthy while the app answers and reaches its database; while it is sick, readers
    # are served what is cached, however old (up to the page's stale-if-error). Sick
    # after 3 failures in the last 5 probes: a few seconds of queueing do not count.
    .probe = {
        .url = "/healthz/ready";
        .interval = 2s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
    }
}

# The app servers, which purge after a change (NEWSREADER_VARNISH_URLS). An address is not
# enough: a TLS terminator or any forwarder on the same machine makes every client look
# local. A purge must also carry the app's NEWSREADER_PURGE_SECRET, kept in this file
# (readable by varnishd, one line; an absent or empty file lets no purge through).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub purge_secret {
    set req.http.purge-secret = regsub(
        std.fileread("/etc/varnish/newsreader-purge.secret"), "\s+$", "");
}

sub vcl_recv {
    if (req.method == "PURGE") {
        call purge_secret;
        if (client.ip !~ purgers || req.http.purge-secret == ""
                || req.http.X-Purge-Secret != req.http.purge-secret) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "Name the keys to purge in an xkey-purge header."));
        }
        # Pages being made at this moment may have read what the change replaced: they are
        # not kept (vcl_backend_response). Set before the purge, so no fetch slips between.
        var.global_set("purged_at", "" + std.time2real(now, 0.0));
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone + " objects"));
    }

    # A chunked body is read here, whole, before it is passed on: one that breaks the
    # chunked framing gets a 400, not the 503 of a fetch that failed half-way (bench/
    # fuzz.py). 11 MB is above the largest upload the app takes (10 MB).
    if (req.http.Transfer-Encoding && !std.cache_req_body(11MB)) {
        return (synth(400, "Bad request body"));
    }

    # The host is part of the cache key: only the site's own names reach the app.
    set req.http.host = std.tolower(req.http.host);
    if (req.http.host !~ "^(localhost|127\.0\.0\.1|\[::1\])(:[0-9]+)?$") {
        return (synth(400, "Unknown host"));
    }
    # A port is kept only when it is the one this Varnish was reached on: any other number
    # would make a new copy of every page (and links to nowhere) for each one a client
    # sends. Behind a TLS terminator the Host has no port.
    if (req.http.host ~ ":[0-9]+$"
            && regsub(req.http.host, "^.*:", "") != std.port(server.ip) + "") {
        set req.http.host = regsub(req.http.host, ":[0-9]+$", "");
    }
    # The app serves no ranges; a malformed or unsatisfiable one would turn its answer on
    # a passed request into a 503 here. Only a plain byte range of a cached object is kept.
    if (req.http.Range !~ "^bytes=[0-9]*-[0-9]*$") {
        unset req.http.Range;
    }

    # What came through the TLS terminator, on the PROXY listener named "tls"
    # (docs/deploy.md), was https; elsewhere a terminator in front says "https" in
    # X-Forwarded-Proto, and anything else is plain http. Django builds absolute addresses
    # with it, so it is part of the key (vcl_hash).
    if (local.socket == "tls") {
        set req.http.X-Forwarded-Proto = "https";
    } elsif (req.http.X-Forwarded-Proto != "https") {
        unset req.http.X-Forwarded-Proto;
    }

    # Varnish itself appends the address it saw to X-Forwarded-For before this runs; the
    # app takes the client's address from there (NEWSREADER_CLIENT_IP_HEADER).

    # The editors' desk is never cached, and keeps its cookies.
    if (req.url ~ "^/admin(/|$)" || (req.method != "GET" && req.method != "HEAD")) {
        unset req.http.Range;
        return (pass);
    }

    # Readers' pages are the same for everyone: no cookie keys or skips the cache.
    unset req.http.Cookie;
    unset req.http.Authorization;

    # htmx asks for a fragment of a page; any other value of these headers is dropped, so
    # junk cannot make more copies (the app answers Vary: HX-Request, HX-Target).
    # Back and Forward ask for the whole page they return to: the same copy as a visit.
    if (req.http.HX-Request != "true" || req.http.HX-History-Restore-Request == "true") {
        unset req.http.HX-Request;
        unset req.http.HX-Target;
    } elsif (req.http.HX-Target !~ "^(results|load-more)$") {
        unset req.http.HX-Target;
    }
    unset req.http.HX-Trigger;
    unset req.http.HX-Trigger-Name;
    unset req.http.HX-Current-URL;
    unset req.http.HX-Boosted;
    unset req.http.HX-History-Restore-Request;

    call normalise_query;

    # While the app is healthy, a page past its s-maxage is served at most this late while
    # a fresh one is fetched (stale-while-revalidate); while it is sick, as late as the
    # object's grace allows (stale-if-error).
    if (std.healthy(app_probed)) {
        set req.grace = 30s;
    }
    return (hash);
}

# Each page keeps the parameters it takes, in a fixed order; the rest (tracking tags,
# junk, empty form fields) are dropped, so a page has one copy per meaningful address.
sub normalise_query {
    if (req.url ~ "^/(\?|$)") {
        set req.url = regsuball(req.url, "([?&])(?!(?:after|before|shown)=)[^&]*", "\1");
    } elsif (req.url ~ "^/regions/[^/?]+/(\?|$)") {
        set req.url = regsuball(req.url, "([?&])(?!(?:from|to|place|after|before|shown)=)[^&]*", "\1");
    } elsif (req.url ~ "^/sources/[^/?]+/(\?|$)") {
        set req.url = regsuball(req.url, "([?&])(?!(?:role|from|to|after|before|shown)=)[^&]*", "\1");
    } elsif (req.url ~ "^/(threads|people|organisations)/[^/?]+/(\?|$)") {
        set req.url = regsuball(req.url, "([?&])(?!(?:from|to|after|before|shown)=)[^&]*", "\1");
    } elsif (req.url ~ "^/archive/[^?]+/(\?|$)") {
        set req.url = regsuball(req.url, "([?&])(?!(?:from|to|after|before|shown)=)[^&]*", "\1");
    } elsif (req.url ~ "^/search/(\?|$)") {
        set req.url = regsuball(req.url, "([?&])(?!(?:q|region|from|to|page|shown)=)[^&]*", "\1");
    } elsif (req.url ~ "^/sitemap-[^/]+\.xml") {
        set req.url = regsuball(req.url, "([?&])(?!p=)[^&]*", "\1");
    } elsif (req.url ~ "^/api/") {
        # The API refuses parameters it does not take (400, never cached): kept as sent.
    } else {
        set req.url = regsub(req.url, "\?.*$", "");
    }
    # Empty values mean "not given"; then tidy the separators left behind.
    set req.url = regsuball(req.url, "([?&])[^=&]+=(?=&|$)", "\1");
    set req.url = regsuball(req.url, "&{2,}", "&");
    set req.url = regsub(req.url, "\?&+", "?");
    set req.url = regsub(req.url, "[?&]+$", "");
    set req.url = std.querysort(req.url);
}

sub vcl_hash {
    hash_data(req.http.X-Forwarded-Proto);
    # Varnish's own vcl_hash follows: the URL and the host.
}

sub vcl_backend_fetch {
    var.set_real("fetch_started", std.time2real(now, 0.0));
}

sub vcl_backend_response {
    # Only what the app marked public is kept; anything else is passed on once and not
    # stored (the app marks private, no-store and errors so).
    if (beresp.http.Cache-Control !~ "public" || beresp.http.Set-Cookie) {
        # Remembered as uncacheable for a few seconds, so requests for it do not queue
        # behind one another. Only briefly: every address a client makes up (mostly 404s)
        # is such an object, kept in Transient storage, which is bounded (docs/deploy.md).
        set beresp.uncacheable = true;
        set beresp.ttl = 5s;
        return (deliver);
    }
    # A redirect (a story's old or mistyped slug) is cheap to make again, and any slug a
    # client makes up has one: kept briefly, so they do not crowd the pages out.
    if (beresp.status == 301 && beresp.ttl > 60s) {
        set beresp.ttl = 60s;
    }
    # A purge came while this page was being made: the page may show what that change
    # replaced, and the purge could not drop a page not yet stored. It goes to the readers
    # who asked before the purge and is not kept (ttl 0): those queued behind it since
    # fetch it once more, together. Any purge counts: purges are rare beside reads, and a
    # record per key would be state to keep here.
    if (var.get_real("fetch_started") <= std.real(var.global_get("purged_at"), 0.0)) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    # A background refresh that failed keeps the copy that is there.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # The app's stale-if-error: how long a copy may be served while the app is sick.
    if (beresp.http.Cache-Control ~ "stale-if-error=[0-9]+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, ".*stale-if-error=([0-9]+).*", "\1s"), 0s);
    }
    if (beresp.http.Content-Type ~ "^(text/|application/(json|xml|atom\+xml))") {
        set beresp.do_gzip = true;
    }
    return (deliver);
}

sub vcl_deliver {
    # The keys are for purging here, not for readers.
    unset resp.http.xkey;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
    # Browsers revalidate every time (max-age=0) and get 304 from here while the page
    # holds; s-maxage is for shared caches, which this one is.
}
