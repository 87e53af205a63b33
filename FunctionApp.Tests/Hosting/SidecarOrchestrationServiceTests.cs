using PrimeFunctions.LocalHost;

namespace PrimeFunctions.Tests.Hosting;

/// <summary>
/// The one private member of DurableTask.AzureStorage the local host reaches (<see cref="SidecarOrchestrationService"/>
/// forgets a work item whose completion and abandonment both failed): it must still exist, with a shape the host can
/// clear, in the version the build restores — otherwise a storage outage would again strand activities silently.
/// </summary>
public sealed class SidecarOrchestrationServiceTests
{
    [Fact]
    public void The_provider_still_keeps_its_in_progress_activities_in_a_dictionary_the_host_can_clear()
    {
        var field = SidecarOrchestrationService.ActiveActivitySessions;

        Assert.NotNull(field);
        Assert.True(typeof(System.Collections.IDictionary).IsAssignableFrom(field.FieldType), $"{field.Name} is a {field.FieldType}, not a dictionary.");
    }
}
