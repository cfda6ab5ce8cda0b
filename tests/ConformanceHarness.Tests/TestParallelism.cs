// NUnit's default is one worker per core (two on the CI machine). Most of this suite waits on sockets — the
// conformance cases on real servers (Courier holds every error reply ~8 s), fake servers, container start-up — so two
// workers left the suite at 26 minutes while the CPU idled. Each target's own TargetSession still caps what reaches a
// server at once (4 scenarios per target, Courier's per-address limit handled by its connection budget), so more
// workers means more targets busy at once, not more load on one server.
[assembly: LevelOfParallelism(16)]

// A fixture without an attribute is NonParallel in NUnit: it runs alone, after or between the parallel ones. With
// 100+ such fixtures that serial tail was about 8½ of the suite's 12 minutes (the run.ps1 publish alone ~2 min, the
// process-exit, clean-up and probe tests ~30 s each) while 15 workers idled. The fixtures share no mutable state (the
// CLI runs in-process with its own writers; containers are owned per process id; fake servers take free ports), so
// they run side by side; the few that must be alone say [NonParallelizable] (the second engine, the hostile servers at
// scale, the headless browser).
[assembly: Parallelizable(ParallelScope.Fixtures)]
