using System.Runtime.InteropServices;

namespace PrimeFunctions.Tests.Deployment;

/// <summary>A fact that needs the Bicep CLI package this repository pins, which is built for Linux x64 only.</summary>
internal sealed class LinuxX64FactAttribute : FactAttribute
{
    public static bool IsSupported => OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64;

    public LinuxX64FactAttribute()
    {
        if (!IsSupported)
        {
            Skip = "The pinned Bicep CLI (Azure.Bicep.CommandLine.linux-x64) runs on Linux x64 only.";
        }
    }
}
