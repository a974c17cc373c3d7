# Redraws fig6 from fig6.csv (columns: panel,kind,series,key,x,y,z).
# Run in the folder holding the CSV:  gnuplot -e "outfile='fig6-gnuplot.png'" fig6.gnuplot
# Differences from the Cairo figure: box plots are vertical and use gnuplot's quartiles;
# paired-trial lines are not drawn; dots are jittered with gnuplot's rand(0) (fixed default seed).
if (!exists("outfile")) outfile = "fig6-gnuplot.png"
set terminal pngcairo size 912,784 font "DejaVu Sans,8" noenhanced
set output outfile
set datafile separator comma
data = "fig6.csv"
set multiplot layout 2,2 title "DIM pretraining: validation losses"

# panel (a)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill solid 1.0 noborder
set key top right font ",7" opaque
set title "(a) Local DIM loss"
set xlabel "epoch"; set ylabel "validation DIM loss (nats)"
set xrange [-9.200000000000001:215.2]; set yrange [0.3420497254550608:2.1694864038205957]
plot data using ((strcol(1) eq "a" && strcol(2) eq "line" && strcol(3) eq "dim-synthetic (e_form+gap)") ? $5 : 1/0):6 with lines lw 1.5 dt 1 lc rgb "#0072b2" title "dim-synthetic (e_form+gap)", \
     data using ((strcol(1) eq "a" && strcol(2) eq "line" && strcol(3) eq "dim-nosynthetic (e_form+gap)") ? $5 : 1/0):6 with lines lw 1.5 dt 1 lc rgb "#e69f00" title "dim-nosynthetic (e_form+gap)", \
     1.3862943722824157 with lines dt 2 lw 1.2 lc rgb "#e69f00" notitle, \
     2.086421100258526 with lines dt 2 lw 1.2 lc rgb "#0072b2" notitle

# panel (b)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill solid 1.0 noborder
set key off
set title "(b) Local KL"
set xlabel "epoch"; set ylabel "validation KL term"
set xrange [-9.200000000000001:215.2]; set yrange [1.4399451414744058:1.9165964921315513]
plot data using ((strcol(1) eq "b" && strcol(2) eq "line" && strcol(3) eq "dim-synthetic (e_form+gap)") ? $5 : 1/0):6 with lines lw 1.5 dt 1 lc rgb "#0072b2" notitle, \
     data using ((strcol(1) eq "b" && strcol(2) eq "line" && strcol(3) eq "dim-nosynthetic (e_form+gap)") ? $5 : 1/0):6 with lines lw 1.5 dt 1 lc rgb "#e69f00" notitle

# panel (c)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill solid 1.0 noborder
set key off
set title "(c) Global DIM loss"
set xlabel "epoch"; set ylabel "validation DIM loss (nats)"
set xrange [-9.200000000000001:215.2]; set yrange [0.04932457554310896:1.6249707828034001]
set logscale y
plot data using ((strcol(1) eq "c" && strcol(2) eq "line" && strcol(3) eq "dim-synthetic (e_form+gap)") ? $5 : 1/0):6 with lines lw 1.5 dt 1 lc rgb "#0072b2" notitle, \
     data using ((strcol(1) eq "c" && strcol(2) eq "line" && strcol(3) eq "dim-nosynthetic (e_form+gap)") ? $5 : 1/0):6 with lines lw 1.5 dt 1 lc rgb "#e69f00" notitle, \
     1.3862943611198906 with lines dt 2 lw 1.2 lc rgb "#d62728" notitle

# panel (d)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill solid 1.0 noborder
set key off
set title "(d) Global KL"
set xlabel "epoch"; set ylabel "validation KL term"
set xrange [-9.200000000000001:215.2]; set yrange [0.9928911805152894:1.6315690398216247]
plot data using ((strcol(1) eq "d" && strcol(2) eq "line" && strcol(3) eq "dim-synthetic (e_form+gap)") ? $5 : 1/0):6 with lines lw 1.5 dt 1 lc rgb "#0072b2" notitle, \
     data using ((strcol(1) eq "d" && strcol(2) eq "line" && strcol(3) eq "dim-nosynthetic (e_form+gap)") ? $5 : 1/0):6 with lines lw 1.5 dt 1 lc rgb "#e69f00" notitle

unset multiplot
set output
