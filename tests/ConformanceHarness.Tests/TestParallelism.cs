// NUnit's default is one worker per core (two on the CI machine). Most of this suite waits on sockets — the
// conformance cases on real servers (Courier holds every error reply ~8 s), fake servers, container start-up — so two
// workers left the suite at 26 minutes while the CPU idled. Each target's own TargetSession still caps what reaches a
// server at once (4 scenarios per target, Courier's per-address limit handled by its connection budget), so more
// workers means more targets busy at once, not more load on one server.
[assembly: LevelOfParallelism(16)]
