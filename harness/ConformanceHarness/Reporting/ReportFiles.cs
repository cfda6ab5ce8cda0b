namespace ConformanceHarness.Reporting;

/// <summary>File helpers the report writers share.</summary>
public static class ReportFiles
{
    public static void CreateDirectoryFor(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
    }
}
