<#
.SYNOPSIS
Starts, stops or cleans the Azurite storage emulator that PrimeFunctions runs on locally.

.DESCRIPTION
Runs the Azurite pinned in package.json (installing it with `npm ci` when node_modules lacks it),
listening on 127.0.0.1 only, with its data in a folder of the repository (.azurite/, git-ignored).
Azurite runs in the background; the script returns once Blob, Queue and Table accept connections
and writes the connection string to use as AzureWebJobsStorage. Its pid and log stay in the data
folder, so -Stop finds it again from any shell.

.PARAMETER Stop
Stops the Azurite that was started on this data folder.

.PARAMETER Clean
Deletes the emulator's data (stopping it first if it runs). Alone, it then starts afresh;
with -Stop, it leaves the emulator stopped.

.PARAMETER Location
Data folder. Default: .azurite/ beside this script.

.PARAMETER StrictApiVersion
Makes Azurite refuse storage API versions newer than it knows. Off by default: the storage SDKs this
repository pins (Azure.Storage.Blobs 12.30.1 sends 2026-10-06) are ahead of the pinned Azurite 3.37.0,
which would otherwise answer them 400 InvalidHeaderValue.

.EXAMPLE
./azurite.ps1                 # start (UseDevelopmentStorage=true)
./azurite.ps1 -Clean          # start on empty storage
./azurite.ps1 -Stop           # stop
./azurite.ps1 -Stop -Clean    # stop and delete the data
#>
[CmdletBinding()]
param(
    [switch] $Stop,
    [switch] $Clean,
    [ValidateRange(1, 65535)] [int] $BlobPort = 10000,
    [ValidateRange(1, 65535)] [int] $QueuePort = 10001,
    [ValidateRange(1, 65535)] [int] $TablePort = 10002,
    [string] $Location = (Join-Path $PSScriptRoot '.azurite'),
    [switch] $StrictApiVersion
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$loopback = '127.0.0.1'
$location = [System.IO.Path]::GetFullPath($Location)
$pidFile = Join-Path $location 'azurite.pid'
$logFile = Join-Path $location 'azurite.log'
$startTimeout = [TimeSpan]::FromSeconds(60)
# Azurite may take a few seconds to flush its database files after SIGTERM.
$stopTimeout = [TimeSpan]::FromSeconds(20)

function Get-ConnectionString {
    if ($BlobPort -eq 10000 -and $QueuePort -eq 10001 -and $TablePort -eq 10002) {
        return 'UseDevelopmentStorage=true'
    }
    # The emulator's well-known development account and key (the same for every Azurite).
    $account = 'devstoreaccount1'
    $key = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
    return "DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$key;" +
        "BlobEndpoint=http://${loopback}:$BlobPort/$account;" +
        "QueueEndpoint=http://${loopback}:$QueuePort/$account;" +
        "TableEndpoint=http://${loopback}:$TablePort/$account;"
}

function Test-PortOpen([int] $port) {
    $client = [System.Net.Sockets.TcpClient]::new()
    try {
        return $client.ConnectAsync($loopback, $port).Wait(500)
    }
    catch {
        return $false
    }
    finally {
        $client.Dispose()
    }
}

# The Azurite process recorded in the data folder, if it is still that process (pids get reused).
function Get-RunningAzurite {
    if (-not (Test-Path -LiteralPath $pidFile)) { return $null }
    $recorded = (Get-Content -LiteralPath $pidFile -Raw).Trim()
    $process = Get-Process -Id ([int] $recorded) -ErrorAction SilentlyContinue
    if ($null -ne $process -and -not $process.HasExited -and "$($process.CommandLine)" -match 'azurite') {
        return $process
    }
    Remove-Item -LiteralPath $pidFile -Force
    return $null
}

function Stop-Azurite {
    $process = Get-RunningAzurite
    if ($null -eq $process) {
        Write-Host "Azurite is not running on $location."
        return
    }
    if ($IsWindows) {
        Stop-Process -Id $process.Id -Force
    }
    else {
        # SIGTERM lets Azurite close its database cleanly; Stop-Process would send SIGKILL.
        & (Get-Command kill -CommandType Application | Select-Object -First 1) -s TERM $process.Id
    }
    if (-not $process.WaitForExit([int] $stopTimeout.TotalMilliseconds)) {
        Write-Warning "Azurite did not exit within $($stopTimeout.TotalSeconds) s; killing it."
        Stop-Process -Id $process.Id -Force
        $process.WaitForExit()
    }
    Remove-Item -LiteralPath $pidFile -Force -ErrorAction SilentlyContinue
    Write-Host "Azurite stopped (pid $($process.Id))."
}

function Clear-AzuriteData {
    if (-not (Test-Path -LiteralPath $location)) { return }
    # Only what Azurite and this script write, so a -Location pointing at a shared folder is safe.
    Get-ChildItem -LiteralPath $location -Force |
        Where-Object { $_.Name -like '__azurite_db_*' -or $_.Name -in '__blobstorage__', '__queuestorage__', 'azurite.log' } |
        Remove-Item -Recurse -Force
    Write-Host "Azurite data cleaned in $location."
}

function Get-AzuriteEntryPoint {
    $entryPoint = Join-Path $PSScriptRoot 'node_modules/azurite/dist/src/azurite.js'
    if (-not (Test-Path -LiteralPath $entryPoint)) {
        if ($null -eq (Get-Command npm -ErrorAction SilentlyContinue)) {
            throw 'Azurite is not installed and npm was not found: install Node.js (with npm), then run this script again.'
        }
        Write-Host 'Installing the pinned Azurite (npm ci)...'
        Push-Location $PSScriptRoot
        try {
            # To the console, not into this function's return value.
            & npm ci --no-audit --no-fund | Out-Host
            if ($LASTEXITCODE -ne 0) { throw "npm ci failed with exit code $LASTEXITCODE." }
        }
        finally {
            Pop-Location
        }
    }
    return $entryPoint
}

function Start-Azurite {
    $running = Get-RunningAzurite
    if ($null -ne $running) {
        Write-Host "Azurite is already running on $location (pid $($running.Id))."
        return
    }
    foreach ($port in $BlobPort, $QueuePort, $TablePort) {
        if (Test-PortOpen $port) {
            throw "Port $port on $loopback is already in use: stop what listens there, or choose other ports (-BlobPort/-QueuePort/-TablePort)."
        }
    }

    $entryPoint = Get-AzuriteEntryPoint
    $node = (Get-Command node -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source
    New-Item -ItemType Directory -Force -Path $location | Out-Null
    $arguments = @(
        $entryPoint,
        '--blobHost', $loopback, '--blobPort', $BlobPort,
        '--queueHost', $loopback, '--queuePort', $QueuePort,
        '--tableHost', $loopback, '--tablePort', $TablePort,
        '--location', $location,
        '--silent', '--disableTelemetry'
    )
    if (-not $StrictApiVersion) { $arguments += '--skipApiVersionCheck' }

    if ($IsWindows) {
        $quoted = $arguments | ForEach-Object { if ("$_" -match '\s') { "`"$_`"" } else { "$_" } }
        $process = Start-Process -FilePath $node -ArgumentList $quoted -WindowStyle Hidden -PassThru `
            -RedirectStandardOutput $logFile -RedirectStandardError (Join-Path $location 'azurite.err.log')
    }
    else {
        # On Unix, Start-Process pumps redirected output through this PowerShell process, which exits soon.
        # The shell instead hands Azurite the log file itself, and exec keeps the pid we record.
        $start = [System.Diagnostics.ProcessStartInfo]::new('/bin/sh')
        $start.UseShellExecute = $false
        foreach ($argument in @('-c', 'trap "" HUP; log="$1"; shift; exec "$@" >>"$log" 2>&1 </dev/null', 'sh', $logFile, $node) + $arguments) {
            $start.ArgumentList.Add("$argument")
        }
        $process = [System.Diagnostics.Process]::Start($start)
    }
    Set-Content -LiteralPath $pidFile -Value $process.Id -NoNewline

    $deadline = [DateTime]::UtcNow + $startTimeout
    while (-not ((Test-PortOpen $BlobPort) -and (Test-PortOpen $QueuePort) -and (Test-PortOpen $TablePort))) {
        if ($process.HasExited -or [DateTime]::UtcNow -gt $deadline) {
            $reason = if ($process.HasExited) { "exited with code $($process.ExitCode)" } else { "did not listen within $($startTimeout.TotalSeconds) s" }
            if (-not $process.HasExited) { Stop-Process -Id $process.Id -Force }
            Remove-Item -LiteralPath $pidFile -Force -ErrorAction SilentlyContinue
            $log = if (Test-Path -LiteralPath $logFile) { Get-Content -LiteralPath $logFile -Tail 20 | Out-String } else { '' }
            throw "Azurite $reason on ports $BlobPort, $QueuePort, $TablePort (log: $logFile).`n$log"
        }
        Start-Sleep -Milliseconds 200
    }
    Write-Host "Azurite started (pid $($process.Id)): blob ${loopback}:$BlobPort, queue ${loopback}:$QueuePort, table ${loopback}:$TablePort; data and log in $location."
}

if ($Stop -or $Clean) {
    Stop-Azurite
}
if ($Clean) {
    Clear-AzuriteData
}
if (-not $Stop) {
    Start-Azurite
    Write-Host 'Set AzureWebJobsStorage to:'
    Write-Output (Get-ConnectionString)
}
