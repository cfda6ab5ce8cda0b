namespace ConformanceHarness; public static class Placeholder { }
