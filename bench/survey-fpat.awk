# survey-fpat.awk: with gawk, read fields as CSV (a quoted field may hold
# commas and doubled quotes) before survey.awk runs.  mawk has no FPAT.
BEGIN { FPAT = "([^,]*)|(\"([^\"]|\"\")*\")" }
