#include "downloader/retry_policy.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <ctime>
#include <string>

namespace hearth::dl {

long backoff_delay_ms(int attempt, long initial_ms, long max_ms, double unit_random) {
    double d = static_cast<double>(initial_ms);
    for (int i = 1; i < attempt && d < static_cast<double>(max_ms); ++i) d *= 2;
    d = std::min(d, static_cast<double>(max_ms));
    unit_random = std::clamp(unit_random, 0.0, 1.0);
    return static_cast<long>(d * (0.5 + 0.5 * unit_random));
}

static std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

std::optional<long> parse_retry_after_ms(std::string_view value, int64_t now_unix_s) {
    value = trim(value);
    if (value.empty()) return std::nullopt;
    if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        if (value.size() > 7) return 10'000'000L * 1000;  // absurd: the caller caps it
        return std::stol(std::string(value)) * 1000;
    }
    // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT".
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char mon[4] = {};
    int day = 0, year = 0, hh = 0, mm = 0, ss = 0;
    std::string s(value);
    if (std::sscanf(s.c_str(), "%*3s, %2d %3s %4d %2d:%2d:%2d GMT", &day, mon, &year, &hh, &mm, &ss) != 6)
        return std::nullopt;
    int m = -1;
    for (int i = 0; i < 12; ++i)
        if (std::strcmp(mon, months[i]) == 0) m = i;
    if (m < 0 || day < 1 || day > 31 || hh > 23 || mm > 59 || ss > 60) return std::nullopt;
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = m;
    tm.tm_mday = day;
    tm.tm_hour = hh;
    tm.tm_min = mm;
    tm.tm_sec = ss;
    int64_t when = static_cast<int64_t>(timegm(&tm));
    return static_cast<long>(std::max<int64_t>(0, when - now_unix_s) * 1000);
}

bool is_retryable_status(long status) {
    return status == 408 || status == 425 || status == 429 || status == 500 || status == 502 ||
           status == 503 || status == 504;
}

}  // namespace hearth::dl
