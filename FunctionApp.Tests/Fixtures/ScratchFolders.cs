namespace PrimeFunctions.Tests.Fixtures;

/// <summary>Throw-away data folders (an Azurite's storage) under the system's temporary folder, one per use.</summary>
internal static class ScratchFolders
{
    public static string New() => Path.Combine(Path.GetTempPath(), "primefunctions-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Removes the folder; one a process still writes to is left for the system to clean.</summary>
    public static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
