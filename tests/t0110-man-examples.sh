#!/bin/sh
test_description='the examples of every man page and of the README run as printed

Conventions, for the pages (EXAMPLES of man/man1/*.1 and man/man7/cm.7):
- A ".Bd -literal" block with a line starting "$ " holds commands.  A
  command is its "$ " line and the lines that continue it: a line ending in
  a backslash ("\e") or in "|", and the lines of a here-document up to its
  end word.  The lines after it, up to the next "$ " or ".Ed", are its
  standard output, compared exactly.  A command with no lines after it has
  its output not shown: only its status is checked.
- "$ cat FILE" followed by lines shows a file: FILE is written with those
  lines (so later commands can use it), and checked with sh -n when it
  starts with "#!".
- A block with no "$ " line is a crontab when a line starts with five time
  fields (each command, "\%" read as "%", and each VAR=value line are
  checked with sh -n) or a script otherwise.  A script is checked with
  sh -n, then run in the scratch directory when it does not cd to an
  absolute path, with two stubs first in PATH: date prints the year of
  CM_TODAY, mail appends its arguments and input to mail.out; it must exit
  0 and mail something.
- A command whose output is shown exits 0 or 1 (1: done, something needs
  attention); one whose output is not shown must exit 0, so that nothing
  needing attention goes unshown.  A command whose program is not
  installed (parallel, hdfs, hadoop, mail) is skipped, and the skip names
  it.
The commands of one page run in order, in a scratch $CM_DATA of their own
with CM_TODAY fixed, where survey.csv and july.csv are the shipped sample
survey, 2026Q3.csv and 满意度调查2026Q3.csv its 2026Q3 rows in GB18030,
pop.csv and pop2026.csv their population by period, responses.csv its
forms spread over the months 2025-11 to 2026-10, register.csv a complaint
register of 2026-08 to 2026-10 (not complaints.csv, which the
cm-complaint examples of the pages create), the files of the cm-penalty
run of 2026-10 in the README (staff-2026-10.csv, sanctions-2026-10.csv,
penalty-2026-09.csv, judged.csv, for case 261101 that the cm-complaint
lines of the README open and close), and share/ the shipped share/.

For the README and its Chinese README.zh_CN.md, each in a scratch
directory of its own (indented blocks naming a cm- command): a block starting
"#!" is a script, checked as in the pages (the README one does cd /srv:
sh -n only); in other blocks a line starting with five time
fields is a crontab line (its command sh -n), "export CM_DATA=..." is left
out (the scratch directory stands for it), and every other line, with its
continuation lines (after a line ending in a backslash or in "|"), runs in
order and must exit 0 or 1 (1: done,
something needs attention, as cm-receive --notify does when there is
something to write to a customer); the README shows no output, so none is
compared.'
. "$(dirname "$0")/test-lib.sh"

# extract_page PAGE DIR: the EXAMPLES of PAGE as DIR/N.kind (cmd, file,
# cron, script), DIR/N.sh (the text, mdoc escapes undone), DIR/N.out (the
# output shown, for a cmd only when lines follow it).  \[uXXXX] becomes
# UTF-8; awk runs in the C locale so that %c writes one byte.
extract_page() {
	mkdir -p "$2" &&
	LC_ALL=C awk -v dir="$2" '
	function utf8(cp) {
		if (cp < 128) return sprintf("%c", cp)
		if (cp < 2048) return sprintf("%c%c", 192 + int(cp / 64), 128 + cp % 64)
		return sprintf("%c%c%c", 224 + int(cp / 4096), 128 + int(cp / 64) % 64, 128 + cp % 64)
	}
	function hex(s,   i, v) {
		v = 0
		for (i = 1; i <= length(s); i++)
			v = v * 16 + index("0123456789ABCDEF", toupper(substr(s, i, 1))) - 1
		return v
	}
	function unescape(s,   out, m) {
		out = ""
		while (match(s, /\\(\[u[0-9A-Fa-f]+\]|e|&|-)/)) {
			m = substr(s, RSTART, RLENGTH)
			out = out substr(s, 1, RSTART - 1)
			if (m == "\\e") out = out "\\"
			else if (m == "\\-") out = out "-"
			else if (m != "\\&") out = out utf8(hex(substr(m, 4, length(m) - 4)))
			s = substr(s, RSTART + RLENGTH)
		}
		return out s
	}
	function emit(kind, text, out, has_out) {
		n++
		printf "%s\n", kind > (dir "/" n ".kind"); close(dir "/" n ".kind")
		printf "%s", text > (dir "/" n ".sh"); close(dir "/" n ".sh")
		if (has_out) {
			printf "%s", out > (dir "/" n ".out"); close(dir "/" n ".out")
		}
	}
	function flush_block(   i, cmd, out, nout, heredoc, cont, line, w, iscron) {
		if (nb == 0) return
		has_cmd = 0
		for (i = 1; i <= nb; i++) if (b[i] ~ /^\$ /) has_cmd = 1
		if (!has_cmd) {
			iscron = 0
			for (i = 1; i <= nb; i++)
				if (b[i] ~ /^[0-9*][0-9*,\/-]* +[0-9*][0-9*,\/-]* +[0-9*][0-9*,\/-]* +[0-9*][0-9*,\/-]* +[0-9*A-Za-z][0-9*,\/A-Za-z-]* /) iscron = 1
			cmd = ""
			for (i = 1; i <= nb; i++) {
				line = b[i]
				sub(/^    /, "", line)
				cmd = cmd line "\n"
			}
			emit(iscron ? "cron" : "script", cmd, "", 0)
			nb = 0
			return
		}
		i = 1
		while (i <= nb) {
			if (b[i] !~ /^\$ /) { i++; continue }
			cmd = substr(b[i], 3) "\n"
			heredoc = ""
			if (match(b[i], /<<-?'"'"'?[A-Za-z_]+/)) {
				heredoc = substr(b[i], RSTART, RLENGTH)
				sub(/^<<-?'"'"'?/, "", heredoc)
			}
			cont = (b[i] ~ /[\\|]$/)
			i++
			while (i <= nb && (cont || heredoc != "")) {
				cmd = cmd b[i] "\n"
				if (heredoc != "" && b[i] == heredoc) heredoc = ""
				cont = (b[i] ~ /[\\|]$/)
				i++
			}
			out = ""; nout = 0
			while (i <= nb && b[i] !~ /^\$ /) { out = out b[i] "\n"; nout++; i++ }
			if (cmd ~ /^cat [^ |<>]+\n$/ && nout > 0) {
				w = cmd; sub(/^cat /, "", w); sub(/\n$/, "", w)
				emit("file " w, out, "", 0)
			} else
				emit("cmd", cmd, out, nout > 0)
		}
		nb = 0
	}
	/^\.Sh / { inex = ($0 == ".Sh EXAMPLES"); next }
	inex && /^\.Bd -literal/ { inblock = 1; nb = 0; next }
	inex && inblock && /^\.Ed/ { flush_block(); inblock = 0; next }
	inex && inblock { b[++nb] = unescape($0) }
	' "$1"
}

# extract_readme README DIR: the same files for the README: a block of
# lines indented four spaces that names cm-complaint, cm-survey-calc,
# cm-receive, cm-grade, cm-report, cm-penalty or cm-sample.
extract_readme() {
	mkdir -p "$2" &&
	awk -v dir="$2" '
	function emit(kind, text) {
		n++
		printf "%s\n", kind > (dir "/" n ".kind"); close(dir "/" n ".kind")
		printf "%s", text > (dir "/" n ".sh"); close(dir "/" n ".sh")
	}
	function flush_block(   i, cmd, line) {
		if (nb == 0 || !names_cm) { nb = 0; names_cm = 0; return }
		if (b[1] ~ /^#!/) {
			cmd = ""
			for (i = 1; i <= nb; i++) cmd = cmd b[i] "\n"
			emit("script", cmd)
		} else {
			for (i = 1; i <= nb; i++) {
				line = b[i]
				if (line ~ /^#/ || line ~ /^export CM_DATA=/ || line == "")
					continue
				if (line ~ /^[0-9*][0-9*,\/-]* +[0-9*][0-9*,\/-]* +[0-9*][0-9*,\/-]* +[0-9*][0-9*,\/-]* +[0-9*A-Za-z][0-9*,\/A-Za-z-]* /) {
					emit("cron", line "\n")
					continue
				}
				cmd = line "\n"
				while (line ~ /[\\|]$/ && i < nb) { line = b[++i]; cmd = cmd line "\n" }
				emit("cmd", cmd)
			}
		}
		nb = 0; names_cm = 0
	}
	/^    / || (/^$/ && nb > 0) {
		line = $0; sub(/^    /, "", line)
		b[++nb] = line
		sub(/(^| )#.*/, "", line)
		if (line ~ /cm-(complaint|survey-calc|receive|grade|report|penalty|sample)/) names_cm = 1
		next
	}
	{ flush_block() }
	END { flush_block() }
	' "$1"
}

# A crontab line: its command (fields 6 on, "\%" read as "%") or a VAR=value.
cron_syntax() {
	while IFS= read -r line; do
		case $line in
		''|'#'*) continue ;;
		[A-Za-z_]*=*) printf '%s\n' "$line" | sh -n || return 1 ;;
		*) printf '%s\n' "$line" |
			sed -e 's/^[^ ]* *[^ ]* *[^ ]* *[^ ]* *[^ ]* *//' -e 's/\\%/%/g' |
			sh -n || return 1 ;;
		esac
	done <"$1"
}

# missing_program CMDFILE: the first program the command runs that is not
# installed (first word of the command and after each "|"), if any.
missing_program() {
	sed -e ':a' -e '/\\$/{N;s/\\\n//;ba' -e '}' "$1" |
	awk 'NR == 1 || prev ~ /\|[ \t]*$/ {
		n = split($0, seg, "|")
		for (i = 1; i <= n; i++) {
			w = seg[i]; sub(/^[ \t{(]+/, "", w); sub(/[ \t].*/, "", w)
			if (w != "" && w !~ /=/) print w
		}
	}
	{ prev = $0 }' |
	while read -r p; do
		command -v "$p" >/dev/null 2>&1 || { echo "$p"; break; }
	done
}

# run_example DIR N SCRATCH MAX: run DIR/N.sh in SCRATCH; its status must
# be MAX or less.
run_example() {
	st=0
	(cd "$3" && CM_DATA=$3 sh "$1/$2.sh") >"$1/$2.actual" 2>"$1/$2.err" || st=$?
	if test "$st" -gt "$4"; then
		echo "exit status $st:" >&2
		cat "$1/$2.sh" "$1/$2.err" >&2
		return 1
	fi
}

# setup_scratch DIR: the files the examples name.
setup_scratch() {
	mkdir -p "$1" &&
	ln -s "$ROOT/share" "$1/share" &&
	cp "$ROOT/share/cm/examples/survey.csv" "$1/survey.csv" &&
	cp "$1/survey.csv" "$1/july.csv" &&
	awk -F, "NR == 1 || \$2 == \"2026Q3\"" "$1/survey.csv" |
		iconv -f UTF-8 -t GB18030 >"$1/2026Q3.csv" &&
	cp "$1/2026Q3.csv" "$1/满意度调查2026Q3.csv" &&
	cat >"$1/pop.csv" <<-\EOF
	期间,客户数,发放数
	2026Q3,20,18
	EOF
	cp "$1/pop.csv" "$1/pop2026.csv" &&
	iconv -f UTF-8 -t GB18030 "$ROOT/share/cm/examples/property-zh.csv" \
		>"$1/收货2026-11.csv" &&
	report_fixtures "$1" &&
	penalty_fixtures "$1"
}

# penalty_fixtures DIR: the staff, sanctions and judgements of the
# README's cm-penalty run of 2026-10, and the list of 2026-09 it carries:
# a group of three and a salesman who carries 600.00 from October.
penalty_fixtures() {
	cat >"$1/staff-2026-10.csv" <<-\EOF &&
	工号,姓名,班组,部门,基点,效益奖金
	P01,王芳,装配一组,生产部,1.0,3000
	P02,李强,装配一组,生产部,1.2,3000
	P03,张敏,装配一组,生产部,0.8,3000
	P04,陈杰,业务一组,业务部,1.0,2000
	EOF
	cat >"$1/sanctions-2026-10.csv" <<-\EOF &&
	person,kind,count
	P02,warning,1
	EOF
	cat >"$1/penalty-2026-09.csv" <<-\EOF &&
	month,person,name,dept,bonus,carried_in,assigned,sanctions,due,cap,deducted,carried_out
	2026-09,P04,陈杰,业务部,2000.00,1600.00,0.00,0.00,1600.00,1000.00,1000.00,600.00
	EOF
	cat >"$1/judged.csv" <<-\EOF
	案件编号,责任人,责任比例
	261101,装配一组,70
	261101,P04,30
	EOF
}

# report_fixtures DIR: for cm-report, responses.csv, the sample survey's
# forms spread over the twelve months 2025-11 to 2026-10 (期间 YYYY-MM),
# and register.csv, a complaint register of August to October 2026 made
# by cm-complaint itself: causes for a Pareto chart, losses, a case closed
# late, and two open (one overdue on 2026-10-31, one not yet due).
report_fixtures() {
	awk -F, -v OFS=, "NR > 1 {
		m = 11 + (NR - 2) % 12
		\$2 = (m > 12 ? 2026 : 2025) \"-\" sprintf(\"%02d\", m > 12 ? m - 12 : m)
	} { print }" "$ROOT/share/cm/examples/survey.csv" >"$1/responses.csv" &&
	(
		cd "$1" &&
		export CM_DATA="$1" &&
		c() { CM_TODAY=$1; shift; cm-complaint -f register.csv "$@" >/dev/null; } &&
		c 2026-08-05 new received=2026-08-05 customer=华南电子 \
			description=交货延迟三天 cause=late_delivery dept=生产部 loss=12000 &&
		c 2026-08-15 close 260801 responsibility=ours \
			root_cause=排产未考虑换模 action=排产加换模工时 &&
		c 2026-08-20 new received=2026-08-20 customer=中山卓越照明 \
			description=外壳划伤 cause=appearance dept=品管部 loss=800 &&
		c 2026-09-03 new received=2026-09-03 customer=厦门立信包装 \
			description=纸箱压破 cause=packaging_damage dept=仓库 loss=2500 &&
		c 2026-09-10 close 260802 responsibility=ours \
			root_cause=包装无隔层 action=加隔板 &&
		c 2026-09-12 close 260901 responsibility=carrier \
			root_cause=运输堆压 action=改用托盘 &&
		c 2026-09-18 new received=2026-09-18 customer=华南电子 \
			description=晚交两天 cause=late_delivery dept=生产部 loss=6000 &&
		c 2026-09-28 close 260902 responsibility=ours \
			root_cause=物料晚到 action=提前备料 &&
		c 2026-10-08 new received=2026-10-08 customer=东莞精工 market=foreign \
			description=孔径超差 cause=dimension dept=生产部 loss=15000 &&
		c 2026-10-12 new received=2026-10-12 customer=华南电子 \
			description=交货延迟 cause=late_delivery dept=生产部 loss=3000 &&
		c 2026-10-15 new received=2026-10-15 customer=中山卓越照明 \
			description=发票抬头错误 cause=document_error dept=财务部 &&
		c 2026-10-20 close 261001 responsibility=ours \
			root_cause=刀具磨损 action=首件检验 &&
		c 2026-10-22 close 261003 responsibility=ours \
			root_cause=模板过期 action=更新模板 &&
		c 2026-10-26 new received=2026-10-26 customer=厦门立信包装 \
			description=交期延误 cause=late_delivery dept=生产部 loss=1500
	)
}

# check_examples NAME DIR SCRATCH [MAX]: one test per example, in order;
# a command whose output is not shown may exit up to MAX (default 0).
check_examples() {
	max=${4:-0}
	i=1
	while test -f "$2/$i.kind"; do
		kind=$(cat "$2/$i.kind")
		title="$1 example $i: $(head -n 1 "$2/$i.sh")"
		case $kind in
		cron)
			test_expect_success "$title" "cron_syntax '$2/$i.sh'" ;;
		script)
			if grep -q "^cd /" "$2/$i.sh"; then
				test_expect_success "$title" "sh -n '$2/$i.sh'"
			else
				test_expect_success "$title" "
					sh -n '$2/$i.sh' &&
					rm -f '$3/mail.out' &&
					(cd '$3' && PATH=\$TRASH/stub:\$PATH CM_DATA='$3' sh '$2/$i.sh') &&
					test -s '$3/mail.out'
				"
			fi ;;
		file\ *)
			f=${kind#file }
			test_expect_success "$title" "
				cp '$2/$i.sh' '$3/$f' &&
				if head -n 1 '$3/$f' | grep -q '^#!'; then sh -n '$3/$f'; fi
			" ;;
		cmd)
			missing=$(missing_program "$2/$i.sh")
			if test -n "$missing"; then
				test_skip "$title ($missing not installed)"
			elif test -f "$2/$i.out"; then
				test_expect_success "$title" "
					run_example '$2' $i '$3' 1 &&
					test_cmp '$2/$i.out' '$2/$i.actual'
				"
			else
				test_expect_success "$title" "run_example '$2' $i '$3' $max"
			fi ;;
		esac
		i=$((i + 1))
	done
}

test_expect_success 'stubs of date and mail for the scripts' '
	mkdir stub &&
	cat >stub/date <<-\EOF &&
	#!/bin/sh
	echo "${CM_TODAY%%-*}"
	EOF
	cat >stub/mail <<-\EOF &&
	#!/bin/sh
	{ echo "mail $*"; cat; } >>mail.out
	EOF
	chmod +x stub/date stub/mail
'

for page in "$ROOT"/man/man1/*.1 "$ROOT"/man/man7/cm.7; do
	name=$(basename "$page")
	test_expect_success "$name: examples extracted" "
		extract_page '$page' '$TRASH/ex/$name' &&
		setup_scratch '$TRASH/run/$name' &&
		test -f '$TRASH/ex/$name/1.kind'
	"
	check_examples "$name" "$TRASH/ex/$name" "$TRASH/run/$name"
done

test_expect_success 'README.md: examples extracted' "
	extract_readme '$ROOT/README.md' '$TRASH/ex/README' &&
	setup_scratch '$TRASH/run/README' &&
	test -f '$TRASH/ex/README/1.kind'
"
check_examples README.md "$TRASH/ex/README" "$TRASH/run/README" 1

test_expect_success 'README.zh_CN.md: examples extracted' "
	extract_readme '$ROOT/README.zh_CN.md' '$TRASH/ex/README.zh_CN' &&
	setup_scratch '$TRASH/run/README.zh_CN' &&
	test -f '$TRASH/ex/README.zh_CN/1.kind'
"
check_examples README.zh_CN.md "$TRASH/ex/README.zh_CN" "$TRASH/run/README.zh_CN" 1

test_done
