using System.Text.Json.Nodes;

namespace PrimeFunctions.Tests.Deployment;

/// <summary>
/// infra/ compiles and lints clean with the pinned Bicep CLI, and the compiled template keeps the deployment's
/// promises: Flex Consumption on .NET 10 isolated, storage reached by managed identity only, and the roles for it.
/// </summary>
public sealed class InfraTests : IClassFixture<InfraTests.CompiledTemplate>
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    private readonly CompiledTemplate template;

    public InfraTests(CompiledTemplate template) => this.template = template;

    [LinuxX64Fact]
    public void Main_template_builds_without_errors_or_warnings()
    {
        var build = template.Build;
        Assert.True(build.ExitCode == 0, build.Transcript);
        Assert.True(build.Error.Trim().Length == 0, build.Transcript);
    }

    [LinuxX64Fact]
    public async Task Main_template_passes_the_linter_without_warnings()
    {
        var lint = await BicepCli.RunAsync("lint", BicepCli.MainTemplate);

        Assert.True(lint.ExitCode == 0, lint.Transcript);
        Assert.True((lint.Output + lint.Error).Trim().Length == 0, lint.Transcript);
    }

    [LinuxX64Fact]
    public void Function_app_runs_dotnet_isolated_10_on_flex_consumption()
    {
        var plan = Assert.Single(template.Resources("Microsoft.Web/serverfarms"));
        Assert.Equal("FC1", (string?)plan["sku"]?["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]?["tier"]);

        var site = Assert.Single(template.Resources("Microsoft.Web/sites"));
        var config = site["properties"]?["functionAppConfig"];
        Assert.Equal("dotnet-isolated", (string?)config?["runtime"]?["name"]);
        Assert.Equal("10.0", (string?)config?["runtime"]?["version"]);
        Assert.Equal("UserAssignedIdentity", (string?)config?["deployment"]?["storage"]?["authentication"]?["type"]);
        Assert.True((bool?)site["properties"]?["httpsOnly"]);
    }

    [LinuxX64Fact]
    public void Storage_account_refuses_shared_keys_public_blobs_and_old_tls()
    {
        var account = Assert.Single(template.Resources("Microsoft.Storage/storageAccounts"));
        var properties = account["properties"];
        Assert.False((bool?)properties?["allowSharedKeyAccess"]);
        Assert.False((bool?)properties?["allowBlobPublicAccess"]);
        Assert.Equal("TLS1_2", (string?)properties?["minimumTlsVersion"]);

        var container = Assert.Single(template.Resources("Microsoft.Storage/storageAccounts/blobServices/containers"));
        Assert.Equal("None", (string?)container["properties"]?["publicAccess"]);
    }

    [LinuxX64Fact]
    public void App_reaches_storage_and_telemetry_by_identity_with_no_key_in_any_setting()
    {
        foreach (var setting in new[]
                 {
                     "AzureWebJobsStorage__accountName", "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId",
                     "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
                 })
        {
            Assert.Contains($"\"{setting}\"", template.Json);
        }

        Assert.DoesNotContain("listKeys(", template.Json);
        Assert.DoesNotContain("AccountKey=", template.Json);
        Assert.DoesNotContain("\"AzureWebJobsStorage\"", template.Json);
    }

    [LinuxX64Fact]
    public void Identity_is_granted_the_roles_durable_functions_and_telemetry_need()
    {
        Assert.NotEmpty(template.Resources("Microsoft.Authorization/roleAssignments"));
        foreach (var role in new[] { StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor, MonitoringMetricsPublisher })
        {
            Assert.Contains(role, template.Json);
        }
    }

    /// <summary>infra/main.bicep compiled once (`bicep build --stdout`) for every test of the class.</summary>
    public sealed class CompiledTemplate : IAsyncLifetime
    {
        internal ToolRun Build { get; private set; } = new(-1, "", "");
        internal string Json => Build.Output;

        public async Task InitializeAsync()
        {
            if (!LinuxX64FactAttribute.IsSupported)
            {
                return;
            }

            Build = await BicepCli.RunAsync("build", BicepCli.MainTemplate, "--stdout");
        }

        public Task DisposeAsync() => Task.CompletedTask;

        /// <summary>Every resource of the type, at any depth of module nesting.</summary>
        internal IReadOnlyList<JsonObject> Resources(string type)
        {
            var found = new List<JsonObject>();
            Collect(JsonNode.Parse(Json), type, found);
            return found;
        }

        private static void Collect(JsonNode? node, string type, List<JsonObject> found)
        {
            switch (node)
            {
                case JsonObject resource when resource["apiVersion"] is not null && (string?)resource["type"] == type && resource["existing"] is null:
                    found.Add(resource);
                    break;
                case JsonObject other:
                    foreach (var (_, child) in other)
                    {
                        Collect(child, type, found);
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        Collect(child, type, found);
                    }

                    break;
            }
        }
    }
}
