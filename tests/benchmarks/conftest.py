import statistics
import time


def timed(function, *args, **kwargs):
    """Run once and return (result, seconds)."""
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started


def report(title, **figures):
    print(f"\n[bench] {title}: " + ", ".join(f"{k}={v}" for k, v in figures.items()))


def median_ms(samples):
    return round(statistics.median(samples) * 1000, 1)


def percentiles(samples):
    """{"median_ms": …, "p95_ms": …} of samples in seconds."""
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000, 1),
    }


def fetcher(client, url):
    """A function that GETs `url` (200 expected) and returns the size of the body."""

    def fetch():
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return len(body)

    return fetch
