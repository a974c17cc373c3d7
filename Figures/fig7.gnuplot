# Redraws fig7 from fig7.csv (columns: panel,kind,series,key,x,y,z).
# Run in the folder holding the CSV:  gnuplot -e "outfile='fig7-gnuplot.png'" fig7.gnuplot
# Differences from the Cairo figure: box plots are vertical and use gnuplot's quartiles;
# paired-trial lines are not drawn; dots are jittered with gnuplot's rand(0) (fixed default seed).
if (!exists("outfile")) outfile = "fig7-gnuplot.png"
set terminal pngcairo size 1342,617 font "DejaVu Sans,8" noenhanced
set output outfile
set datafile separator comma
data = "fig7.csv"
set multiplot layout 2,4 title "Transfer learning: supervised Site-Net by initialisation"

# panel (a)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key top right font ",7" opaque
set title "(a) 50 labels"
set xlabel "Formation energy"
set ylabel "test MAE (eV/atom)"
set xrange [0.5:3.5]
set yrange [0.3739567279791828:0.6190212520046072]
set xtics ("random init" 1, "DIM init" 2, "from gap model" 3) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "from gap model") ? $6 : 1/0) with boxplot lc rgb "#e69f00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "from gap model") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#e69f00" notitle, \
     data using ($5):((strcol(1) eq "a" && strcol(2) eq "box_ref") ? $6 : 1/0) with points pt 13 ps 1.3 lc rgb "#d62728" title "paper median (full Matbench)"

# panel (b)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key off
set title "(b) 100 labels"
set xlabel ""
set ylabel "test MAE (eV/atom)"
set xrange [0.5:3.5]
set yrange [0.2915298129017246:0.558446680883192]
set xtics ("random init" 1, "DIM init" 2, "from gap model" 3) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "from gap model") ? $6 : 1/0) with boxplot lc rgb "#e69f00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "from gap model") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#e69f00" notitle, \
     data using ($5):((strcol(1) eq "b" && strcol(2) eq "box_ref") ? $6 : 1/0) with points pt 13 ps 1.3 lc rgb "#d62728" notitle

# panel (c)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key off
set title "(c) 250 labels"
set xlabel ""
set ylabel "test MAE (eV/atom)"
set xrange [0.5:3.5]
set yrange [0.28848444309958643:0.5239086426678611]
set xtics ("random init" 1, "DIM init" 2, "from gap model" 3) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "from gap model") ? $6 : 1/0) with boxplot lc rgb "#e69f00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "from gap model") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#e69f00" notitle, \
     data using ($5):((strcol(1) eq "c" && strcol(2) eq "box_ref") ? $6 : 1/0) with points pt 13 ps 1.3 lc rgb "#d62728" notitle

# panel (d)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key off
set title "(d) 1000 labels"
set xlabel ""
set ylabel "test MAE (eV/atom)"
set xrange [0.5:3.5]
set yrange [0.17584965592417018:0.5198492255924262]
set xtics ("random init" 1, "DIM init" 2, "from gap model" 3) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "from gap model") ? $6 : 1/0) with boxplot lc rgb "#e69f00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "from gap model") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#e69f00" notitle, \
     data using ($5):((strcol(1) eq "d" && strcol(2) eq "box_ref") ? $6 : 1/0) with points pt 13 ps 1.3 lc rgb "#d62728" notitle

# panel (e)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key off
set title "(e) 50 labels"
set xlabel "Band gap"
set ylabel "test MAE (eV)"
set xrange [0.5:3.5]
set yrange [0.7021954315440309:1.3008094353611934]
set xtics ("random init" 1, "DIM init" 2, "from e_form model" 3) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "from e_form model") ? $6 : 1/0) with boxplot lc rgb "#e69f00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "from e_form model") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#e69f00" notitle, \
     data using ($5):((strcol(1) eq "e" && strcol(2) eq "box_ref") ? $6 : 1/0) with points pt 13 ps 1.3 lc rgb "#d62728" notitle

# panel (f)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key off
set title "(f) 100 labels"
set xlabel ""
set ylabel "test MAE (eV)"
set xrange [0.5:3.5]
set yrange [0.6820092345583847:0.8891793221638864]
set xtics ("random init" 1, "DIM init" 2, "from e_form model" 3) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "from e_form model") ? $6 : 1/0) with boxplot lc rgb "#e69f00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "from e_form model") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#e69f00" notitle, \
     data using ($5):((strcol(1) eq "f" && strcol(2) eq "box_ref") ? $6 : 1/0) with points pt 13 ps 1.3 lc rgb "#d62728" notitle

# panel (g)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key off
set title "(g) 250 labels"
set xlabel ""
set ylabel "test MAE (eV)"
set xrange [0.5:3.5]
set yrange [0.6408092091827514:0.8094310460462395]
set xtics ("random init" 1, "DIM init" 2, "from e_form model" 3) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "from e_form model") ? $6 : 1/0) with boxplot lc rgb "#e69f00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "from e_form model") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#e69f00" notitle, \
     data using ($5):((strcol(1) eq "g" && strcol(2) eq "box_ref") ? $6 : 1/0) with points pt 13 ps 1.3 lc rgb "#d62728" notitle

# panel (h)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key off
set title "(h) 1000 labels"
set xlabel ""
set ylabel "test MAE (eV)"
set xrange [0.5:3.5]
set yrange [0.5924111963025678:0.8371898776460791]
set xtics ("random init" 1, "DIM init" 2, "from e_form model" 3) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "from e_form model") ? $6 : 1/0) with boxplot lc rgb "#e69f00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "from e_form model") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#e69f00" notitle, \
     data using ($5):((strcol(1) eq "h" && strcol(2) eq "box_ref") ? $6 : 1/0) with points pt 13 ps 1.3 lc rgb "#d62728" notitle

unset multiplot
set output
