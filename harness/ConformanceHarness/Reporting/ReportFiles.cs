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

    /// <summary>
    /// Why a report could not be written to <paramref name="path"/> (null: it can), found before the run so that a bad path
    /// is a usage error at once, not an exception after the whole run. Nothing is left behind: an existing file is opened
    /// without being changed, a new one is created and removed again, and no missing directory is created yet.
    /// </summary>
    public static string? Problem(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full))
            {
                return $"{path} is a directory";
            }

            // The nearest folder that exists: the report's own, or the one its missing folders would be created in.
            var folder = Path.GetDirectoryName(full);
            while (folder is not null && !Directory.Exists(folder))
            {
                if (File.Exists(folder))
                {
                    return $"{path}: {folder} is a file, not a directory";
                }

                folder = Path.GetDirectoryName(folder);
            }

            if (folder == Path.GetDirectoryName(full))
            {
                using var probe = File.Exists(full)
                    ? new FileStream(full, FileMode.Open, FileAccess.Write)
                    : new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            else if (folder is not null)
            {
                using var probe = new FileStream(Path.Combine(folder, $".conformance-harness-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return $"{path}: cannot be written ({e.Message})";
        }
    }
}
