<# : batch portion
@REM This file is both a batch script and a PowerShell script: cmd.exe reads the first
@REM line as a label and runs the batch part; PowerShell, which the batch part starts on
@REM this same file, skips the batch part as a block comment and runs the rest.
@REM Maven wrapper for Windows: runs the Maven version named in
@REM .mvn\wrapper\maven-wrapper.properties, downloading it once into
@REM %USERPROFILE%\.m2\wrapper\dists (or %MAVEN_USER_HOME%\wrapper\dists).
@REM Same environment variables as ./mvnw: MVNW_REPOURL, MVNW_USERNAME, MVNW_PASSWORD,
@REM MVNW_VERBOSE. The PowerShell part below finds or installs Maven.
@echo off
setlocal
set "MVNW_SCRIPT_DIR=%~dp0"
set "MVNW_MVN="
for /f "usebackq tokens=1* delims==" %%A in (`powershell -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command "Invoke-Command -NoNewScope -ScriptBlock ([ScriptBlock]::Create((Get-Content -Raw -LiteralPath '%~f0')))"`) do (
	if "%%A"=="MVNW_MVN" set "MVNW_MVN=%%B"
)
if not defined MVNW_MVN (
	echo mvnw: cannot start Maven 1>&2
	exit /b 1
)
@REM Without "call", mvn.cmd takes over this batch run: its exit code is the wrapper's.
"%MVNW_MVN%" %*
goto :eof
: end of the batch part #>

$ErrorActionPreference = 'Stop'
function Say([string] $message) {
	if ($env:MVNW_VERBOSE -eq 'true') { [Console]::Error.WriteLine("mvnw: $message") }
}

try {
	$properties = Join-Path $env:MVNW_SCRIPT_DIR '.mvn\wrapper\maven-wrapper.properties'
	$props = @{}
	foreach ($line in Get-Content -LiteralPath $properties) {
		if ($line -match '^\s*([^#!=\s][^=]*?)\s*=\s*(.*?)\s*$') { $props[$Matches[1]] = $Matches[2] }
	}
	$url = $props['distributionUrl']
	if (-not $url) { throw "distributionUrl is missing from $properties" }
	if ($env:MVNW_REPOURL) {
		$url = $env:MVNW_REPOURL.TrimEnd('/') + '/org/apache/maven/' + ($url -replace '^.*?/org/apache/maven/', '')
	}

	# apache-maven-3.9.16-bin.zip -> apache-maven-3.9.16 (the directory inside the archive).
	$file = $url.Substring($url.LastIndexOf('/') + 1)
	$name = $file -replace '\.zip$', '' -replace '-bin$', ''
	# One directory per URL, the same one ./mvnw uses.
	$sha256 = [Security.Cryptography.SHA256]::Create()
	$urlHash = -join ($sha256.ComputeHash([Text.Encoding]::UTF8.GetBytes($url)) | ForEach-Object { $_.ToString('x2') })
	$userHome = if ($env:MAVEN_USER_HOME) { $env:MAVEN_USER_HOME } else { Join-Path $HOME '.m2' }
	$distributionHome = Join-Path $userHome "wrapper\dists\$name\$($urlHash.Substring(0, 16))"
	$mavenHome = Join-Path $distributionHome $name

	if (-not (Test-Path -LiteralPath (Join-Path $mavenHome 'bin\mvn.cmd'))) {
		New-Item -ItemType Directory -Force -Path $distributionHome | Out-Null
		# Download and unpack into a private directory, then rename it into place:
		# an interrupted or concurrent run never leaves a half-installed Maven behind.
		$tmp = Join-Path $distributionHome ('.download.' + [IO.Path]::GetRandomFileName())
		New-Item -ItemType Directory -Path $tmp | Out-Null
		try {
			[Console]::Error.WriteLine("mvnw: downloading $url")
			[Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12
			$client = New-Object Net.WebClient
			if ($env:MVNW_USERNAME) {
				$client.Credentials = New-Object Net.NetworkCredential($env:MVNW_USERNAME, $env:MVNW_PASSWORD)
			}
			$archive = Join-Path $tmp $file
			$client.DownloadFile($url, $archive)

			$expected = $props['distributionSha256Sum']
			if ($expected) {
				$actual = (Get-FileHash -LiteralPath $archive -Algorithm SHA256).Hash.ToLowerInvariant()
				if ($actual -ne $expected.ToLowerInvariant()) {
					throw "checksum mismatch for ${file}: expected $expected, got $actual"
				}
				Say "checksum verified: $actual"
			}

			Expand-Archive -LiteralPath $archive -DestinationPath $tmp
			if (-not (Test-Path -LiteralPath (Join-Path $tmp "$name\bin\mvn.cmd"))) {
				throw "$file does not contain $name\bin\mvn.cmd"
			}
			# A directory without bin\mvn.cmd is the leftover of a broken install; one with it
			# was put there by a concurrent mvnw, and is used as it is.
			if ((Test-Path -LiteralPath $mavenHome) -and -not (Test-Path -LiteralPath (Join-Path $mavenHome 'bin\mvn.cmd'))) {
				Remove-Item -LiteralPath $mavenHome -Recurse -Force
			}
			if (-not (Test-Path -LiteralPath $mavenHome)) {
				Move-Item -LiteralPath (Join-Path $tmp $name) -Destination $mavenHome
			}
			Say "installed $mavenHome"
		} finally {
			Remove-Item -LiteralPath $tmp -Recurse -Force -ErrorAction SilentlyContinue
		}
	}

	Say "using $mavenHome"
	"MVNW_MVN=$(Join-Path $mavenHome 'bin\mvn.cmd')"
} catch {
	[Console]::Error.WriteLine("mvnw: $($_.Exception.Message)")
	exit 1
}
