#include "downloader/disk_space.h"

#include <sys/statvfs.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace hearth::dl {

Result<int64_t> free_bytes(const std::filesystem::path& dir) {
    std::filesystem::path p = dir;
    std::error_code ec;
    while (!p.empty() && !std::filesystem::exists(p, ec) && p != p.parent_path()) p = p.parent_path();
    if (p.empty()) p = ".";
    struct statvfs st {};
    if (::statvfs(p.c_str(), &st) != 0)
        return make_error("disk.stat", "Cannot tell how much space is free on " + p.string() + ": " +
                                           std::strerror(errno) + ".");
    return static_cast<int64_t>(st.f_bavail) * static_cast<int64_t>(st.f_frsize);
}

std::string human_bytes(int64_t bytes) {
    const char* units[] = {"B", "KB", "MB", "GB", "TB"};
    double v = static_cast<double>(bytes);
    int u = 0;
    while (v >= 1000 && u < 4) { v /= 1000; ++u; }
    char buf[32];
    if (u == 0) std::snprintf(buf, sizeof buf, "%lld B", static_cast<long long>(bytes));
    else std::snprintf(buf, sizeof buf, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    return buf;
}

Status check_free_space_with(const std::filesystem::path& dir, int64_t needed, int64_t reserve, int64_t free) {
    if (needed <= 0 || needed + reserve <= free) return {};
    return make_error("disk.full", "The disk is full: " + human_bytes(needed) + " needed, " + human_bytes(free) +
                                       " free on " + dir.string() + ". Free some space or choose another folder.");
}

Status check_free_space(const std::filesystem::path& dir, int64_t needed, int64_t reserve) {
    auto free = free_bytes(dir);
    if (!free) return free.error();
    return check_free_space_with(dir, needed, reserve, *free);
}

}  // namespace hearth::dl
